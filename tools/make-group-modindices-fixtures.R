#!/usr/bin/env Rscript
# Reference modification indices across groups, from lavaan 0.6-14 (Debian's r-cran-lavaan):
# modindices() of the Holzinger-Swineford CFA by school, configural, with equal loadings (metric)
# and with equal loadings and intercepts (scalar), ML with expected information. Each index is the
# score test of freeing one parameter in one group with every other constraint kept.
# Run from the repository root:  Rscript tools/make-group-modindices-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/engine-groups-modindices/{model.lav, <level>.csv}.
suppressPackageStartupMessages(library(lavaan))

root <- "Tests/TrustPathSEMTests/Fixtures"
source("tools/lavaan-fixture-helpers.R")

hs <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
model <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9
"
out <- file.path(root, "engine-groups-modindices")
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(trimws(strsplit(trimws(model), "\n")[[1]]), file.path(out, "model.lav"))
levels <- list(configural = "", metric = "loadings", scalar = c("loadings", "intercepts"))
for (level in names(levels)) {
  fit <- fit_polished("cfa", model, hs, group = "school", group.equal = levels[[level]])
  mi <- modindices(fit)
  write_table(as.data.frame(mi)[, c("lhs", "op", "rhs", "group", "mi", "epc", "sepc.lv", "sepc.all")],
              file.path(out, paste0(level, ".csv")))
  cat(level, ": ", nrow(mi), " indices, largest ", max(mi$mi), ", polish gradient ", attr(fit, "polish")$grad.projected, "\n", sep = "")
}
