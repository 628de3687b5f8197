#!/usr/bin/env Rscript
# Reference values for robust ML: lavaan 0.6's estimator = "MLR" and "MLM" on complete data.
# Run from the repository root:  Rscript tools/make-mlr-fixtures.R
# Holzinger & Swineford (1939) three-factor CFA and the simulated trust SEM. Writes
# Tests/TrustPathSEMTests/Fixtures/<mlr|mlm>/<name>/{model.lav, estimates.csv, fit.csv} (%.17g):
# MLR: Huber-White sandwich standard errors (observed information) and the Yuan-Bentler (Mplus)
# scaled chi-square; MLM: robust.sem standard errors (expected information, ADF Gamma) and the
# Satorra-Bentler scaled chi-square; both with lavaan's .scaled and .robust fit measures.
suppressPackageStartupMessages(library(lavaan))
root <- "Tests/TrustPathSEMTests/Fixtures"
cases <- list(
  hs = list(model = readLines("Surveys/reference/holzinger-swineford.lav"), data = read.csv("Surveys/reference/holzinger-swineford-1939.csv")),
  trust = list(model = readLines("Surveys/reference/trust.lav"), data = read.csv("Surveys/reference/trust-simulated-400.csv"))
)
measures <- c("npar", "chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled", "chisq.scaling.factor",
              "baseline.chisq", "baseline.df", "baseline.chisq.scaled", "baseline.chisq.scaling.factor",
              "cfi", "tli", "cfi.scaled", "tli.scaled", "cfi.robust", "tli.robust",
              "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.scaled", "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled",
              "rmsea.robust", "rmsea.ci.lower.robust", "rmsea.ci.upper.robust", "srmr", "logl", "aic", "bic")
for (estimator in c("MLR", "MLM")) for (name in names(cases)) {
  case <- cases[[name]]
  out <- file.path(root, tolower(estimator))
  dir.create(out, showWarnings = FALSE)
  dir.create(file.path(out, name), showWarnings = FALSE)
  writeLines(case$model, file.path(out, name, "model.lav"))
  fit <- sem(paste(case$model, collapse = "\n"), data = case$data, estimator = estimator)
  pe <- parameterEstimates(fit)
  if (!"label" %in% names(pe)) pe$label <- ""
  lines <- sprintf("%s,%s,%s,%s,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se)
  writeLines(c("lhs,op,rhs,label,est,se", lines), file.path(out, name, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, name, "fit.csv"))
  cat(estimator, name, ": chisq", values[["chisq"]], "scaled", values[["chisq.scaled"]], "c", values[["chisq.scaling.factor"]], "\n")
}

# MLR with fixed exogenous covariates (fixed.x = TRUE): a CFA part with two factors, one regressed
# on age and grade (Holzinger & Swineford; the row without a grade is left out, listwise):
# Fixtures/mlr/hs-covariates/.
covariates <- "visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
visual ~ ageyr + grade"
out <- file.path(root, "mlr", "hs-covariates")
dir.create(out, showWarnings = FALSE)
writeLines(covariates, file.path(out, "model.lav"))
fit <- sem(covariates, data = read.csv("Surveys/reference/holzinger-swineford-1939.csv"), estimator = "MLR")
pe <- parameterEstimates(fit)
pe$label <- ""
writeLines(c("lhs,op,rhs,label,est,se", sprintf("%s,%s,%s,%s,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se)),
           file.path(out, "estimates.csv"))
values <- fitMeasures(fit, measures)
writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))
cat("MLR hs-covariates: chisq", values[["chisq"]], "scaled", values[["chisq.scaled"]], "c", values[["chisq.scaling.factor"]], "\n")
