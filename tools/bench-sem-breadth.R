#!/usr/bin/env Rscript
# The R side of `make bench`'s robust and missing-data timings: lavaan fitting the trust SEM
# (n = 400) by MLR on the complete data, by FIML on the 8% MCAR data and by WLSMV on the 7-point
# Likert data (ordered = all items: thresholds, polychorics and Gamma included), each with its fit
# measures, median of repeated fits. Writes bench-data/lavaan-sem-breadth.txt ("mlr SECONDS",
# "fiml SECONDS", "wlsmv SECONDS") for trustpath-bench to read. Run from the repository root.
suppressMessages(library(lavaan))
model <- paste(readLines("Surveys/reference/trust.lav"), collapse = "\n")
complete <- read.csv("Surveys/reference/trust-simulated-400.csv")
mcar <- read.csv("Surveys/reference/trust-simulated-400-mcar8.csv")
likert <- read.csv("Surveys/reference/trust-likert-400.csv")
timed <- function(fit, repeats) median(sapply(seq_len(repeats), function(i) system.time(fitMeasures(fit()))[["elapsed"]]))
mlr <- timed(function() sem(model, data = complete, estimator = "MLR"), 9)
fiml <- timed(function() sem(model, data = mcar, missing = "ml"), 5)
wlsmv <- timed(function() sem(model, data = likert, ordered = names(likert)), 5)
dir.create("bench-data", showWarnings = FALSE)
writeLines(c(sprintf("mlr %.6f", mlr), sprintf("fiml %.6f", fiml), sprintf("wlsmv %.6f", wlsmv)), "bench-data/lavaan-sem-breadth.txt")
