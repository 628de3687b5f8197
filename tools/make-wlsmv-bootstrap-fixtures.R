#!/usr/bin/env Rscript
# Reference values for the bootstrap of ordered items (lavaan's se = "bootstrap" with DWLS), from lavaan
# 0.6-14 (Debian's r-cran-lavaan). Run from the repository root:  Rscript tools/make-wlsmv-bootstrap-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/bootstrap/wlsmv-estimates.csv; the tests never need R.
#
# lavaan refuses se = "bootstrap" under the name WLSMV ("use (D)WLS estimator for bootstrap"): DWLS
# estimates are the same. The campaign responses (N = 500, 7-point items as ordered), a mediation
# model with its indirect effect as :=; 1000 draws (seed 20261203), 167 of which fail (a category
# absent from the draw), as in TrustPath. lavaan recomputes the thresholds, polychoric correlations and DWLS
# weights in every draw; its bootstrap SEs are compared within Monte Carlo error.
suppressPackageStartupMessages(library(lavaan))
source("tools/lavaan-fixture-helpers.R")

campaign <- read.csv("Surveys/campaign-ab/responses.csv")
model <- "
HA =~ HA1 + HA2 + HA3
PT =~ PT1 + PT2 + PT3
PI =~ PI1 + PI2 + PI3
PT ~ a*HA
PI ~ b*PT + HA
indirect := a*b
"
items <- c(paste0("HA", 1:3), paste0("PT", 1:3), paste0("PI", 1:3))
set.seed(20261203)
fit <- sem(model, campaign, ordered = items, estimator = "DWLS", se = "bootstrap", bootstrap = 1000L)
pe <- parameterEstimates(fit, boot.ci.type = "perc")
if (is.null(pe$label)) pe$label <- ""
pe$group <- 1L
names(pe)[names(pe) == "ci.lower"] <- "perc.lower"
names(pe)[names(pe) == "ci.upper"] <- "perc.upper"
write_table(pe[, c("lhs", "op", "rhs", "group", "label", "est", "se", "perc.lower", "perc.upper")],
            "Tests/TrustPathSEMTests/Fixtures/bootstrap/wlsmv-estimates.csv")
writeLines(trimws(strsplit(trimws(model), "\n")[[1]]), "Tests/TrustPathSEMTests/Fixtures/bootstrap/wlsmv-model.lav")
cat("failed draws:", sum(is.na(lavInspect(fit, "boot")[, 1])), "\n")
