#!/usr/bin/env Rscript
# Reference values for FIML across groups: lavaan 0.6's missing = "ml" with group =.
# Run from the repository root:  Rscript tools/make-multigroup-fiml-fixtures.R
# Holzinger & Swineford (1939) by school with 10% of the nine test scores set missing completely at
# random (seed 20261125; no row loses all nine): Tests/TrustPathSEMTests/Fixtures/multigroup-fiml/
# data.csv, and configural, metric and scalar models (<level>/{estimates.csv, fit.csv}, %.17g);
# the same by robust FIML (estimator = "MLR": mlr-<level>/) with lavTestLRT's Satorra-Bentler
# (2001) scaled differences (mlr-lrt.csv).
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
plain <- c("npar", "fmin", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli", "logl", "unrestricted.logl",
           "aic", "bic", "ntotal", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr")
robust <- c("chisq.scaled", "pvalue.scaled", "chisq.scaling.factor", "baseline.chisq.scaled", "baseline.chisq.scaling.factor",
            "cfi.scaled", "tli.scaled", "cfi.robust", "tli.robust", "rmsea.scaled", "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled",
            "rmsea.robust", "rmsea.ci.lower.robust", "rmsea.ci.upper.robust")
levels <- list(configural = "", metric = "loadings", scalar = c("loadings", "intercepts"))
robust_fits <- list()
for (name in c(names(levels), paste0("mlr-", names(levels)))) {
  estimator <- if (startsWith(name, "mlr-")) "MLR" else "ML"
  level <- sub("^mlr-", "", name)
  measures <- if (estimator == "MLR") c(plain, robust) else plain
  fit <- cfa(model, data = data, group = "school", group.equal = levels[[level]], missing = "ml", estimator = estimator)
  if (estimator == "MLR") robust_fits[[level]] <- fit
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
lrt <- lavTestLRT(robust_fits$configural, robust_fits$metric, robust_fits$scalar, model.names = names(levels))
writeLines(c("level,chisq,df,chisq.diff,df.diff,pvalue",
             sprintf("%s,%.17g,%d,%.17g,%.17g,%.17g", names(levels), lrt$Chisq, as.integer(lrt$Df), lrt$`Chisq diff`, lrt$`Df diff`, lrt$`Pr(>Chisq)`)),
           file.path(out, "mlr-lrt.csv"))
print(lrt)
