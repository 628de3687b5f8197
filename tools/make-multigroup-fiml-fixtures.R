#!/usr/bin/env Rscript
# Reference values for FIML across groups: lavaan 0.6's missing = "ml" with group =.
# Run from the repository root:  Rscript tools/make-multigroup-fiml-fixtures.R
# Holzinger & Swineford (1939) by school with 10% of the nine test scores set missing completely at
# random (seed 20261125; no row loses all nine): Tests/TrustPathSEMTests/Fixtures/multigroup-fiml/
# data.csv, and configural, metric and scalar models (<level>/{estimates.csv, fit.csv}, %.17g).
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/multigroup-fiml"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
set.seed(20261125)
data <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
items <- paste0("x", 1:9)
mask <- matrix(runif(nrow(data) * 9) < 0.10, nrow(data))
scores <- data[, items]
scores[mask] <- NA
data[, items] <- scores
stopifnot(all(rowSums(!is.na(data[, items])) > 0))
write.csv(data, file.path(out, "data.csv"), row.names = FALSE, na = "")
model <- paste(readLines("Tests/TrustPathSEMTests/Fixtures/multigroup/model.lav"), collapse = "\n")
measures <- c("npar", "fmin", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli", "logl", "unrestricted.logl",
              "aic", "bic", "ntotal", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr")
levels <- list(configural = "", metric = "loadings", scalar = c("loadings", "intercepts"))
for (name in names(levels)) {
  fit <- cfa(model, data = data, group = "school", group.equal = levels[[name]], missing = "ml")
  dir.create(file.path(out, name), showWarnings = FALSE)
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (!"label" %in% names(pe)) pe$label <- ""
  pe <- pe[pe$op != "==", ]
  lines <- sprintf("%s,%s,%s,%d,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$group, pe$label, pe$est, pe$se, pe$std.all)
  writeLines(c("lhs,op,rhs,group,label,est,se,std.all", lines), file.path(out, name, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, name, "fit.csv"))
  cat(name, ": chisq", values[["chisq"]], "df", values[["df"]], "n", values[["ntotal"]], "\n")
}
