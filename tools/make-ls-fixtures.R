#!/usr/bin/env Rscript
# Reference values for the least-squares estimators on continuous data: lavaan 0.6's
# estimator = "GLS" and "ULS" (defaults: fixed.x = FALSE, so exogenous observed variables get free
# variances and covariances; expected information, se = "standard", test = "standard").
# Run from the repository root:  Rscript tools/make-ls-fixtures.R
# Cases: hs (the Holzinger-Swineford CFA), hs-covariates (two factors regressed on ageyr and sex,
# observed predictors) and trust (the simulated trust SEM). Writes
# Tests/TrustPathSEMTests/Fixtures/<gls|uls>/<name>/{model.lav, estimates.csv, fit.csv} (%.17g).
suppressPackageStartupMessages(library(lavaan))
root <- "Tests/TrustPathSEMTests/Fixtures"
hs <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
cases <- list(
  hs = list(model = readLines("Surveys/reference/holzinger-swineford.lav"), data = hs),
  "hs-covariates" = list(model = c("visual =~ x1 + x2 + x3", "textual =~ x4 + x5 + x6", "visual ~ ageyr + sex", "textual ~ ageyr"), data = hs),
  trust = list(model = readLines("Surveys/reference/trust.lav"), data = read.csv("Surveys/reference/trust-simulated-400.csv"))
)
measures <- c("npar", "fmin", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli", "nfi",
              "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.pvalue", "srmr")
for (estimator in c("GLS", "ULS")) for (name in names(cases)) {
  case <- cases[[name]]
  out <- file.path(root, tolower(estimator), name)
  dir.create(out, showWarnings = FALSE, recursive = TRUE)
  writeLines(case$model, file.path(out, "model.lav"))
  fit <- sem(paste(case$model, collapse = "\n"), data = case$data, estimator = estimator)
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (!"label" %in% names(pe)) pe$label <- ""
  lines <- sprintf("%s,%s,%s,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se, pe$std.all)
  writeLines(c("lhs,op,rhs,label,est,se,std.all", lines), file.path(out, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))
  cat(estimator, name, ": chisq", values[["chisq"]], "df", values[["df"]], "\n")
}
