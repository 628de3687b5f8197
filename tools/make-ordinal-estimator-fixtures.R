#!/usr/bin/env Rscript
# Reference values for lavaan's other least-squares estimators of ordered items, from lavaan 0.6-14
# (Debian's r-cran-lavaan). Run from the repository root:  Rscript tools/make-ordinal-estimator-fixtures.R
# The trust SEM (Surveys/reference/trust.lav) with every item of Surveys/reference/trust-likert-400.csv
# ordered, as tools/make-wlsmv-fixtures.R's "trust" case, under estimator DWLS (standard errors and
# test standard), ULS (the same, unit weights) and ULSMV (unit weights, robust.sem standard errors,
# scaled-shifted test). Writes Tests/TrustPathSEMTests/Fixtures/wlsmv/trust-<estimator>/ with
# model.lav, estimates.csv (lhs, op, rhs, label, est, se, std.all; thresholds as `|` rows) and
# fit.csv (every fit measure lavaan reports), all %.17g; and the same estimators across groups below.
suppressPackageStartupMessages(library(lavaan))
root <- "Tests/TrustPathSEMTests/Fixtures/wlsmv"
likert <- read.csv("Surveys/reference/trust-likert-400.csv")
model <- readLines("Surveys/reference/trust.lav")
for (estimator in c("DWLS", "ULS", "ULSMV")) {
  out <- file.path(root, paste0("trust-", tolower(estimator)))
  dir.create(out, showWarnings = FALSE, recursive = TRUE)
  writeLines(model, file.path(out, "model.lav"))
  fit <- sem(paste(model, collapse = "\n"), data = likert, ordered = names(likert), estimator = estimator)
  stopifnot(lavInspect(fit, "converged"))
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (!"label" %in% names(pe)) pe$label <- ""
  lines <- sprintf("%s,%s,%s,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se, pe$std.all)
  writeLines(c("lhs,op,rhs,label,est,se,std.all", lines), file.path(out, "estimates.csv"))
  values <- fitMeasures(fit)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))
}

# Across groups: the campaign model (Surveys/campaign-ab) with every item ordered, by variant, equal
# loadings, under ULSMV and DWLS. Writes Tests/TrustPathSEMTests/Fixtures/wlsmv-groups/metric-<estimator>/
# with estimates.csv (lhs, op, rhs, group, est, se) and fit.csv (every fit measure).
campaign <- read.csv("Surveys/campaign-ab/responses.csv")
campaign_model <- paste(readLines("Surveys/campaign-ab/model.lav"), collapse = "\n")
campaign_items <- grep("^(HA|ID|PT|PI)[0-9]$", names(campaign), value = TRUE)
for (estimator in c("ULSMV", "DWLS")) {
  out <- file.path("Tests/TrustPathSEMTests/Fixtures/wlsmv-groups", paste0("metric-", tolower(estimator)))
  dir.create(out, showWarnings = FALSE, recursive = TRUE)
  fit <- sem(campaign_model, data = campaign, ordered = campaign_items, group = "variant", group.equal = "loadings",
             estimator = estimator)
  stopifnot(lavInspect(fit, "converged"))
  pe <- parameterEstimates(fit)
  writeLines(c("lhs,op,rhs,group,est,se", sprintf("%s,%s,%s,%d,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$group, pe$est, pe$se)),
             file.path(out, "estimates.csv"))
  values <- fitMeasures(fit)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))
}
