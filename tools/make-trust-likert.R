#!/usr/bin/env Rscript
# The 7-point Likert version of the simulated trust data, for the measurement tests and examples.
# Run from the repository root:  Rscript tools/make-trust-likert.R
# Reads Surveys/reference/trust-simulated-400.csv (continuous, simulated by make-sem-fixtures.R)
# and writes Surveys/reference/trust-likert-400.csv: each item standardized and cut at the normal
# quantiles of cumulative shares 4%, 11%, 25%, 50%, 75%, 90% (a mildly agreeable 1-7 scale, as
# survey answers on trust usually are). PI4 and RR4 are then stored reverse-keyed (8 - answer), as
# negatively worded items are, so that the instrument's `reverse: true` has something to undo.
# No random numbers are drawn: the file is a pure function of the continuous one.
continuous <- read.csv("Surveys/reference/trust-simulated-400.csv")
cuts <- c(-Inf, qnorm(c(0.04, 0.11, 0.25, 0.50, 0.75, 0.90)), Inf)
likert <- as.data.frame(lapply(continuous, function(x) as.integer(cut(as.numeric(scale(x)), cuts))))
likert$PI4 <- 8L - likert$PI4
likert$RR4 <- 8L - likert$RR4
write.csv(likert, "Surveys/reference/trust-likert-400.csv", row.names = FALSE, quote = FALSE)
