#!/usr/bin/env Rscript
# Reference values for FIML standard errors from the expected information, from lavaan 0.6-14
# (Debian's r-cran-lavaan). Run from the repository root:  Rscript tools/make-fiml-information-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/fiml/trust-expected/{model.lav, estimates.csv, fit.csv} and
# fiml/groups-expected/{model.lav, estimates.csv} (below):
# sem(model, data, missing = "ml", information = "expected") on the trust data with 8% of the answers
# missing completely at random (Surveys/reference/trust-simulated-400-mcar8.csv, made by
# tools/make-fiml-fixtures.R). lavaan's expected information with missing data is the structured one:
# each pattern's normal-theory information of its observed variables at the model-implied moments.
suppressPackageStartupMessages(library(lavaan))
data <- read.csv("Surveys/reference/trust-simulated-400-mcar8.csv")
model <- readLines("Surveys/reference/trust.lav")
out <- "Tests/TrustPathSEMTests/Fixtures/fiml/trust-expected"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
writeLines(model, file.path(out, "model.lav"))
fit <- sem(paste(model, collapse = "\n"), data = data, missing = "ml", information = "expected")
pe <- parameterEstimates(fit)
if (!"label" %in% names(pe)) pe$label <- ""
writeLines(c("lhs,op,rhs,label,est,se", sprintf("%s,%s,%s,%s,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se)),
           file.path(out, "estimates.csv"))
values <- fitMeasures(fit, c("npar", "chisq", "df", "cfi", "tli", "logl", "rmsea", "srmr"))
writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))

# Across groups: Holzinger-Swineford's textual factor by school with 10% MCAR (the data of
# Tests/TrustPathSEMTests/Fixtures/multigroup-fiml), equal loadings; Σ_g f_g of each group's information.
groups_data <- read.csv("Tests/TrustPathSEMTests/Fixtures/multigroup-fiml/data.csv")
groups_model <- "textual =~ x4 + x5 + x6"
groups_out <- "Tests/TrustPathSEMTests/Fixtures/fiml/groups-expected"
dir.create(groups_out, showWarnings = FALSE, recursive = TRUE)
writeLines(groups_model, file.path(groups_out, "model.lav"))
groups_fit <- sem(groups_model, data = groups_data, group = "school", group.equal = "loadings", missing = "ml",
                  information = "expected")
pe <- parameterEstimates(groups_fit)
if (!"label" %in% names(pe)) pe$label <- ""
writeLines(c("lhs,op,rhs,group,label,est,se",
             sprintf("%s,%s,%s,%d,%s,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$group, pe$label, pe$est, pe$se)),
           file.path(groups_out, "estimates.csv"))
