#!/usr/bin/env Rscript
# The R side of `make bench`'s robust and missing-data timings: lavaan fitting the trust SEM
# (n = 400) by MLR on the complete data, by FIML on the 8% MCAR data and by WLSMV on the 7-point
# Likert data (ordered = all items: thresholds, polychorics and Gamma included), by robust FIML
# (missing = "ml", estimator = "MLR"), and the campaign model's ordinal items in its two variants
# (the scalar fit; configural, metric and scalar with lavTestLRT), each with its fit measures,
# median of repeated fits; and one 200-draw FIML bootstrap of the MIMIC model with covariates on HS
# with 10% MCAR (engine-fiml-covariates; serial). Writes bench-data/lavaan-sem-breadth.txt ("mlr SECONDS", ...) for
# trustpath-bench to read. Run from the repository root.
suppressMessages(library(lavaan))
model <- paste(readLines("Surveys/reference/trust.lav"), collapse = "\n")
complete <- read.csv("Surveys/reference/trust-simulated-400.csv")
mcar <- read.csv("Surveys/reference/trust-simulated-400-mcar8.csv")
likert <- read.csv("Surveys/reference/trust-likert-400.csv")
timed <- function(fit, repeats) median(sapply(seq_len(repeats), function(i) system.time(fitMeasures(fit()))[["elapsed"]]))
mlr <- timed(function() sem(model, data = complete, estimator = "MLR"), 9)
fiml <- timed(function() sem(model, data = mcar, missing = "ml"), 5)
wlsmv <- timed(function() sem(model, data = likert, ordered = names(likert)), 5)
robust_fiml <- timed(function() sem(model, data = mcar, missing = "ml", estimator = "MLR"), 3)
campaign <- paste(readLines("Surveys/campaign-ab/model.lav"), collapse = "\n")
responses <- read.csv("Surveys/campaign-ab/responses.csv")
items <- grep("^(HA|ID|PT|PI)[0-9]$", names(responses), value = TRUE)
grouped <- function(equal) sem(campaign, data = responses, ordered = items, group = "variant", group.equal = equal)
wlsmv_groups <- timed(function() grouped(c("loadings", "thresholds")), 3)
wlsmv_invariance <- median(sapply(1:3, function(i) system.time({
  fits <- lapply(list("", "loadings", c("loadings", "thresholds")), grouped)
  for (f in fits) fitMeasures(f)
  lavTestLRT(fits[[1]], fits[[2]], fits[[3]])
})[["elapsed"]]))
mimic <- "Tests/TrustPathSEMTests/Fixtures/engine-fiml-covariates/"
mimic_data <- read.csv(paste0(mimic, "data.csv"))
fiml_bootstrap <- system.time(sem(paste(readLines(paste0(mimic, "model.lav")), collapse = "\n"), data = mimic_data,
                                  missing = "ml", se = "bootstrap", bootstrap = 200, parallel = "no"))[["elapsed"]]
dir.create("bench-data", showWarnings = FALSE)
writeLines(c(sprintf("mlr %.6f", mlr), sprintf("fiml %.6f", fiml), sprintf("wlsmv %.6f", wlsmv), sprintf("robust_fiml %.6f", robust_fiml),
             sprintf("wlsmv_groups %.6f", wlsmv_groups), sprintf("wlsmv_invariance %.6f", wlsmv_invariance),
             sprintf("fiml_bootstrap %.6f", fiml_bootstrap)), "bench-data/lavaan-sem-breadth.txt")
