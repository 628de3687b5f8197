#!/usr/bin/env Rscript
# The seminr side of `make bench`'s PLS timing: seminr 2.3.1's estimate_pls of the trust model,
# loaded from its source (as in make-pls-fixtures.R, by evaluating its R files), refitted on 200 bootstrap resamples in one
# process (seminr's bootstrap_model runs the same fit per draw, spread over cores). Writes
# bench-data/seminr-bootstrap.txt ("per_draw SECONDS"). Run from the repository root:
#   Rscript tools/bench-pls.R /path/to/seminr-source
src <- commandArgs(trailingOnly = TRUE)[1]
suppressPackageStartupMessages({library(lavaan); library(glue); library(parallel)})
for (f in list.files(file.path(src, "R"), full.names = TRUE)) {
  eval(parse(text = gsub("seminr::", "", readLines(f, warn = FALSE), fixed = TRUE)), envir = globalenv())
}
trust <- read.csv("Surveys/reference/trust-simulated-400.csv")
mm <- do.call(constructs, lapply(c("HA", "ID", "RR", "SC", "PT", "PI"), function(c) composite(c, paste0(c, 1:4))))
sm <- relationships(paths(from = c("HA", "ID", "RR", "SC"), to = "PT"), paths(from = c("PT", "HA"), to = "PI"))
draws <- 200
elapsed <- system.time(suppressMessages(for (i in 1:draws) {
  set.seed(i)
  model <- estimate_pls(trust[sample.int(nrow(trust), replace = TRUE), ], mm, sm)
  HTMT(model); total_effects(model$path_coef)
}))[["elapsed"]]
dir.create("bench-data", showWarnings = FALSE)
writeLines(sprintf("per_draw %.6f", elapsed / draws), "bench-data/seminr-bootstrap.txt")
