#!/usr/bin/env Rscript
# The R side of `make bench`'s measure timing: what `trustpath measure --instrument ... --bootstrap 2000`
# computes, done with psych, lavaan and semTools on the same data (the trust Likert data, RR4 and PI4
# recoded). Run from the repository root; trustpath-bench times this whole process when Rscript exists.
suppressMessages({ library(psych); library(lavaan); library(semTools) })
data <- read.csv("Surveys/reference/trust-likert-400.csv")
data$RR4 <- 8 - data$RR4; data$PI4 <- 8 - data$PI4
codes <- c("HA", "ID", "RR", "SC", "PT", "PI")
blocks <- sapply(codes, function(code) paste0(code, 1:4), simplify = FALSE)
lines <- sapply(codes, function(code) paste(code, "=~", paste(blocks[[code]], collapse = " + ")))
for (code in codes) {
  invisible(psych::alpha(data[, blocks[[code]]], warnings = FALSE))
  invisible(compRelSEM(cfa(lines[[code]], data = data)))
}
fit <- cfa(paste(lines, collapse = "\n"), data = data)
invisible(standardizedSolution(fit)); invisible(AVE(fit)); invisible(lavInspect(fit, "cor.lv"))
syntax <- paste(lines, collapse = "\n")
invisible(htmt(syntax, data = data)); invisible(htmt(syntax, data = data, htmt2 = TRUE))
set.seed(1)
boot <- replicate(2000, {
  rows <- sample.int(nrow(data), replace = TRUE)
  c(htmt(syntax, data = data[rows, ]), htmt(syntax, data = data[rows, ], htmt2 = TRUE))
})
invisible(apply(boot, 1, quantile, c(0.025, 0.975)))
