#!/usr/bin/env Rscript
# Reference values for nested WLSMV fits of ordered items compared as lavaan's lavTestLRT (its
# default for them: method "satorra.2000" with scaled.shifted = TRUE, Mplus's DIFFTEST), from
# lavaan 0.6-14 (Debian's r-cran-lavaan). Run from the repository root:
#   Rscript tools/make-difftest-fixtures.R
# The HA and PT items of Surveys/reference/trust-likert-400.csv, ordered: two correlated factors (a)
# against one factor (b). Writes Tests/TrustPathSEMTests/Fixtures/engine-compare-wlsmv/{a.lav, b.lav,
# wlsmv.csv}, lavTestLRT's columns (%.17g); and continuous-data comparisons below.
suppressPackageStartupMessages(library(lavaan))
root <- "Tests/TrustPathSEMTests/Fixtures"
source("tools/lavaan-fixture-helpers.R")
likert <- read.csv("Surveys/reference/trust-likert-400.csv")
items <- c(paste0("HA", 1:4), paste0("PT", 1:4))
dir <- file.path(root, "engine-compare-wlsmv")
dir.create(dir, recursive = TRUE, showWarnings = FALSE)
two <- "HA =~ HA1 + HA2 + HA3 + HA4\nPT =~ PT1 + PT2 + PT3 + PT4"
one <- "F =~ HA1 + HA2 + HA3 + HA4 + PT1 + PT2 + PT3 + PT4"
writeLines(two, file.path(dir, "a.lav"))
writeLines(one, file.path(dir, "b.lav"))
a <- cfa(two, data = likert[, items], ordered = items)
b <- cfa(one, data = likert[, items], ordered = items)
lrt <- as.data.frame(lavTestLRT(a, b))
out <- data.frame(model = c("a", "b"), df = lrt$Df, chisq = lrt$Chisq, chisq.diff = lrt[["Chisq diff"]],
                  df.diff = lrt[["Df diff"]], pvalue = lrt[["Pr(>Chisq)"]])
write_table(out, file.path(dir, "wlsmv.csv"))

# Continuous data: the three-factor CFA on Holzinger-Swineford (engine-compare's a.lav) against the
# same with orthogonal factors (b.lav), by MLMV and continuous WLSMV and ULSMV (lavaan's
# satorra.2000 with scaled.shifted = TRUE) and MLMVS (satorra.2000, Satterthwaite's mean-and-variance
# adjusted difference). Writes engine-compare/<estimator>.csv beside the ML, MLR and MLM ones.
hs <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
compare_dir <- file.path(root, "engine-compare")
correlated <- paste(readLines(file.path(compare_dir, "a.lav")), collapse = "\n")
orthogonal <- paste(readLines(file.path(compare_dir, "b.lav")), collapse = "\n")
for (estimator in c("MLMV", "MLMVS", "WLSMV", "ULSMV")) {
  a <- cfa(correlated, data = hs, estimator = estimator)
  b <- cfa(orthogonal, data = hs, estimator = estimator)
  lrt <- as.data.frame(lavTestLRT(a, b))
  out <- data.frame(model = c("a", "b"), df = lrt$Df, chisq = lrt$Chisq, chisq.diff = lrt[["Chisq diff"]],
                    df.diff = lrt[["Df diff"]], pvalue = lrt[["Pr(>Chisq)"]])
  write_table(out, file.path(compare_dir, paste0(tolower(estimator), ".csv")))
}
