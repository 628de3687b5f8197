#!/usr/bin/env Rscript
# Least-squares bootstrap reference values from lavaan 0.6-14: the Holzinger-Swineford CFA with
# estimator = "ULS" and "DWLS" (continuous data), se = "bootstrap" (1,000 draws, serial, iseed
# 20261203). Each draw refits by the same estimator, DWLS with the weight of the draw's own moments.
# Run from the repository root:  Rscript tools/make-least-squares-bootstrap-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/bootstrap/hs-<estimator>-estimates.csv: parameterEstimates()
# with the bootstrap SEs and percentile intervals, for checking TrustPath's own draws within Monte
# Carlo error.
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/bootstrap"
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", as.numeric(x)))
write_table <- function(df, path) {
  df[] <- lapply(df, function(col) if (is.numeric(col)) num(col) else col)
  write.csv(df, path, row.names = FALSE, quote = FALSE)
}
hs <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
model <- paste(readLines("Surveys/reference/holzinger-swineford.lav"), collapse = "\n")
for (estimator in c("ULS", "DWLS")) {
  fit <- cfa(model, data = hs, estimator = estimator, se = "bootstrap", bootstrap = 1000, iseed = 20261203,
             parallel = "no")
  pe <- parameterEstimates(fit, boot.ci.type = "perc", level = 0.95)
  name <- paste0("hs-", tolower(estimator))
  write_table(data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, est = pe$est, se = pe$se,
                         perc.lower = pe$ci.lower, perc.upper = pe$ci.upper),
              file.path(out, paste0(name, "-estimates.csv")))
  boot <- lavInspect(fit, "boot")
  writeLines(c(paste("lavaan", packageVersion("lavaan")), paste("estimator", estimator), "R 1000", "iseed 20261203",
               "parallel no", paste("failed", sum(attr(boot, "error.idx") > 0))),
             file.path(out, paste0(name, "-meta.txt")))
}
