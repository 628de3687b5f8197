#!/usr/bin/env Rscript
# Reference values for full-information ML with missing data: lavaan 0.6's missing = "ml".
# Run from the repository root:  Rscript tools/make-fiml-fixtures.R
# Writes Surveys/reference/trust-simulated-400-mcar8.csv (the simulated trust data with 8% of the
# answers set missing completely at random, seed 20261125; rows with every answer missing do not
# occur) and Tests/TrustPathSEMTests/Fixtures/fiml/trust/{model.lav, estimates.csv, fit.csv} (%.17g)
# from sem(model, data, missing = "ml"), plus fiml/trust-listwise/ for the same data listwise.
suppressPackageStartupMessages(library(lavaan))
set.seed(20261125)
data <- read.csv("Surveys/reference/trust-simulated-400.csv")
mask <- matrix(runif(nrow(data) * ncol(data)) < 0.08, nrow(data))
data[mask] <- NA
stopifnot(all(rowSums(!is.na(data)) > 0))
write.csv(data, "Surveys/reference/trust-simulated-400-mcar8.csv", row.names = FALSE, na = "")
model <- readLines("Surveys/reference/trust.lav")
measures <- c("npar", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli", "logl", "unrestricted.logl",
              "aic", "bic", "ntotal", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr")
for (missing in c("ml", "listwise")) {
  name <- if (missing == "ml") "trust" else "trust-listwise"
  out <- file.path("Tests/TrustPathSEMTests/Fixtures/fiml", name)
  dir.create(out, showWarnings = FALSE, recursive = TRUE)
  writeLines(model, file.path(out, "model.lav"))
  fit <- sem(paste(model, collapse = "\n"), data = data, missing = missing)
  pe <- parameterEstimates(fit)
  if (!"label" %in% names(pe)) pe$label <- ""
  writeLines(c("lhs,op,rhs,label,est,se", sprintf("%s,%s,%s,%s,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se)),
             file.path(out, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))
  cat(name, ": n", lavInspect(fit, "nobs"), "chisq", values[["chisq"]], "df", values[["df"]], "\n")
}
