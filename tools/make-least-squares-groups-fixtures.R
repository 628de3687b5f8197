#!/usr/bin/env Rscript
# Reference values for the least-squares estimators across groups on continuous data, from lavaan
# 0.6-14 (Debian's r-cran-lavaan). Run from the repository root:
#   Rscript tools/make-least-squares-groups-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/ls-groups-<estimator>/ (estimates.csv with every row and
# its group, fit.csv with every fit measure, meta.txt): the Holzinger-Swineford three-factor CFA by
# school with equal loadings, estimator GLS, ULS, WLS and DWLS (se = "standard", test = "standard"),
# and WLSMV and ULSMV on the same continuous items (ls-groups-wlsmv, ls-groups-ulsmv: robust.sem
# standard errors and the scaled-shifted test), each Newton-polished after nlminb (fit_polished,
# tools/lavaan-fixture-helpers.R).
suppressPackageStartupMessages(library(lavaan))
root <- "Tests/TrustPathSEMTests/Fixtures"
source("tools/lavaan-fixture-helpers.R")
hs_file <- "Surveys/reference/holzinger-swineford-1939.csv"
hs <- read.csv(hs_file)
hs_model <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9
"
for (estimator in c("GLS", "ULS", "WLS", "DWLS", "WLSMV", "ULSMV")) {
  dir <- file.path(root, paste0("ls-groups-", tolower(estimator)))
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  writeLines(trimws(strsplit(trimws(hs_model), "\n")[[1]]), file.path(dir, "model.lav"))
  fit <- fit_polished("cfa", hs_model, hs, group = "school", group.equal = "loadings", estimator = estimator)
  pe <- parameterEstimates(fit, standardized = TRUE)
  write_table(pe[, c("lhs", "op", "rhs", "group", "label", "est", "se", "std.lv", "std.all")], file.path(dir, "estimates.csv"))
  fm <- fitMeasures(fit)
  write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(dir, "fit.csv"))
  writeLines(c(paste("lavaan", as.character(packageVersion("lavaan"))),
               paste("data", hs_file, unname(tools::md5sum(hs_file))),
               paste0("call cfa(model, data, group = \"school\", group.equal = \"loadings\", estimator = \"", estimator, "\")"),
               paste("groups", paste(lavInspect(fit, "group.label"), collapse = ",")),
               paste("converged", lavInspect(fit, "converged")),
               paste("newton.steps", attr(fit, "polish")$steps),
               paste("max.gradient", max(abs(lavInspect(fit, "gradient"))))), file.path(dir, "meta.txt"))
}
