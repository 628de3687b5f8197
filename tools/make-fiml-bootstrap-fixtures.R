#!/usr/bin/env Rscript
# FIML bootstrap reference values from lavaan 0.6-14 (missing = "ml", se = "bootstrap", 1,000 draws,
# serial, iseed 20261203): the MIMIC model of engine-fiml-covariates (Holzinger-Swineford with 10% of
# x1-x6 missing completely at random, the covariates ageyr and sex complete and fixed, fixed.x).
# lavaan resamples the rows it uses, missing answers and all, and refits each by FIML.
# Run from the repository root after tools/make-engine-fixtures.R:  Rscript tools/make-fiml-bootstrap-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/bootstrap/fiml-covariates-estimates.csv: parameterEstimates()
# with the bootstrap SEs and percentile intervals, for checking TrustPath's own FIML draws within
# Monte Carlo error.
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/bootstrap"
source_dir <- "Tests/TrustPathSEMTests/Fixtures/engine-fiml-covariates"
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", as.numeric(x)))
write_table <- function(df, path) {
  df[] <- lapply(df, function(col) if (is.numeric(col)) num(col) else col)
  write.csv(df, path, row.names = FALSE, quote = FALSE)
}
data <- read.csv(file.path(source_dir, "data.csv"))
fit <- sem(paste(readLines(file.path(source_dir, "model.lav")), collapse = "\n"), data = data, missing = "ml",
           se = "bootstrap", bootstrap = 1000, iseed = 20261203, parallel = "no")
pe <- parameterEstimates(fit, boot.ci.type = "perc", level = 0.95)
write_table(data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, est = pe$est, se = pe$se,
                       perc.lower = pe$ci.lower, perc.upper = pe$ci.upper),
            file.path(out, "fiml-covariates-estimates.csv"))
boot <- lavInspect(fit, "boot")
writeLines(c(paste("lavaan", packageVersion("lavaan")), "R 1000", "iseed 20261203", "parallel no",
             paste("failed", sum(attr(boot, "error.idx") > 0))), file.path(out, "fiml-covariates-meta.txt"))

# Across groups: the textual factor of HS by school on multigroup-fiml's data (10% of x1-x9 missing
# completely at random; the three-factor CFA is too weakly determined in one school for a stable
# comparison of bootstrap tails), missing = "ml", se = "bootstrap": each draw resamples every
# school's rows used within the school and refits by multi-group FIML (1,000 draws, serial, iseed 20261203).
groups_data <- read.csv("Tests/TrustPathSEMTests/Fixtures/multigroup-fiml/data.csv")
groups_fit <- cfa("textual =~ x4 + x5 + x6", data = groups_data,
                  group = "school", missing = "ml", se = "bootstrap", bootstrap = 1000, iseed = 20261203,
                  parallel = "no")
pe <- parameterEstimates(groups_fit, boot.ci.type = "perc", level = 0.95)
write_table(data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, group = pe$group, est = pe$est, se = pe$se,
                       perc.lower = pe$ci.lower, perc.upper = pe$ci.upper),
            file.path(out, "groups-fiml-estimates.csv"))
boot <- lavInspect(groups_fit, "boot")
writeLines(c(paste("lavaan", packageVersion("lavaan")), "R 1000", "iseed 20261203", "parallel no",
             paste("failed", sum(attr(boot, "error.idx") > 0))), file.path(out, "groups-fiml-meta.txt"))
