#!/usr/bin/env Rscript
# Reference values for MLR (robust ML): lavaan 0.6's estimator = "MLR" on complete data.
# Run from the repository root:  Rscript tools/make-mlr-fixtures.R
# Holzinger & Swineford (1939) three-factor CFA and the simulated trust SEM. Writes
# Tests/TrustPathSEMTests/Fixtures/mlr/<name>/{model.lav, estimates.csv, fit.csv} (%.17g):
# Huber-White sandwich standard errors (observed information), the Yuan-Bentler (Mplus) scaled
# chi-square and lavaan's .scaled and .robust fit measures.
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/mlr"
cases <- list(
  hs = list(model = readLines("Surveys/reference/holzinger-swineford.lav"), data = read.csv("Surveys/reference/holzinger-swineford-1939.csv")),
  trust = list(model = readLines("Surveys/reference/trust.lav"), data = read.csv("Surveys/reference/trust-simulated-400.csv"))
)
measures <- c("npar", "chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled", "chisq.scaling.factor",
              "baseline.chisq", "baseline.df", "baseline.chisq.scaled", "baseline.chisq.scaling.factor",
              "cfi", "tli", "cfi.scaled", "tli.scaled", "cfi.robust", "tli.robust",
              "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.scaled", "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled",
              "rmsea.robust", "rmsea.ci.lower.robust", "rmsea.ci.upper.robust", "srmr", "logl", "aic", "bic")
for (name in names(cases)) {
  case <- cases[[name]]
  dir.create(file.path(out, name), showWarnings = FALSE)
  writeLines(case$model, file.path(out, name, "model.lav"))
  fit <- sem(paste(case$model, collapse = "\n"), data = case$data, estimator = "MLR")
  pe <- parameterEstimates(fit)
  if (!"label" %in% names(pe)) pe$label <- ""
  lines <- sprintf("%s,%s,%s,%s,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se)
  writeLines(c("lhs,op,rhs,label,est,se", lines), file.path(out, name, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, name, "fit.csv"))
  cat(name, ": chisq", values[["chisq"]], "scaled", values[["chisq.scaled"]], "c", values[["chisq.scaling.factor"]], "\n")
}
