#!/usr/bin/env Rscript
# Reference values for robust ML across groups and with missing data, from lavaan 0.6.
# Run from the repository root:  Rscript tools/make-robust-groups-fixtures.R
# 1. Holzinger & Swineford (1939) by school with estimator = "MLR": configural, metric, scalar and
#    strict models (Tests/TrustPathSEMTests/Fixtures/multigroup-mlr/<level>/{estimates.csv, fit.csv})
#    and lavTestLRT's Satorra-Bentler (2001) scaled differences between successive levels
#    (multigroup-mlr/lrt.csv).
#    The same by MLM (Satorra-Bentler): Fixtures/multigroup-mlm/<level>/ and lrt.csv.
# 2. The trust SEM on the data with 8% MCAR answers, robust FIML (missing = "ml", estimator = "MLR"):
#    Fixtures/fiml/trust-mlr/{model.lav, estimates.csv, fit.csv}.
# All values %.17g.
suppressPackageStartupMessages(library(lavaan))
root <- "Tests/TrustPathSEMTests/Fixtures"
measures <- c("npar", "chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled", "chisq.scaling.factor",
              "baseline.chisq", "baseline.df", "baseline.chisq.scaled", "baseline.chisq.scaling.factor",
              "cfi", "tli", "cfi.scaled", "tli.scaled", "cfi.robust", "tli.robust",
              "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.scaled", "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled",
              "rmsea.robust", "rmsea.ci.lower.robust", "rmsea.ci.upper.robust", "srmr", "logl", "aic", "bic")
write_fit <- function(fit, out, group = TRUE) {
  dir.create(out, showWarnings = FALSE, recursive = TRUE)
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (!"label" %in% names(pe)) pe$label <- ""
  if (!"group" %in% names(pe)) pe$group <- 1L
  pe <- pe[pe$op != "==", ]
  lines <- sprintf("%s,%s,%s,%d,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$group, pe$label, pe$est, pe$se, pe$std.all)
  writeLines(c("lhs,op,rhs,group,label,est,se,std.all", lines), file.path(out, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))
  cat(out, ": chisq", values[["chisq"]], "scaled", values[["chisq.scaled"]], "c", values[["chisq.scaling.factor"]], "\n")
}

data <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
model <- paste(readLines(file.path(root, "multigroup/model.lav")), collapse = "\n")
levels <- list(configural = "", metric = "loadings", scalar = c("loadings", "intercepts"),
               strict = c("loadings", "intercepts", "residuals"))
for (estimator in c("MLR", "MLM")) {
  folder <- file.path(root, paste0("multigroup-", tolower(estimator)))
  fits <- lapply(levels, function(equal) cfa(model, data = data, group = "school", group.equal = equal, estimator = estimator))
  for (name in names(fits)) write_fit(fits[[name]], file.path(folder, name))
  lrt <- lavTestLRT(fits$configural, fits$metric, fits$scalar, fits$strict, model.names = names(fits))
  writeLines(c("level,chisq,df,chisq.diff,df.diff,pvalue",
               sprintf("%s,%.17g,%d,%.17g,%.17g,%.17g", names(fits), lrt$Chisq, as.integer(lrt$Df), lrt$`Chisq diff`, lrt$`Df diff`, lrt$`Pr(>Chisq)`)),
             file.path(folder, "lrt.csv"))
  print(lrt)
}

mcar <- read.csv("Surveys/reference/trust-simulated-400-mcar8.csv")
trust <- readLines("Surveys/reference/trust.lav")
out <- file.path(root, "fiml", "trust-mlr")
dir.create(out, showWarnings = FALSE, recursive = TRUE)
writeLines(trust, file.path(out, "model.lav"))
write_fit(sem(paste(trust, collapse = "\n"), data = mcar, missing = "ml", estimator = "MLR"), out)
