#!/usr/bin/env Rscript
# The R side of `make bench`'s import timing: writes bench-data/survey-100000x60.sav (once; 100,000
# respondents x 60 seven-point items with value labels, 2% missing, seeded) with haven, then times
# haven::read_sav on it (median of 3; haven reads through ReadStat, as pyreadstat does) and writes
# bench-data/haven-sav.txt ("read SECONDS"). Run from the repository root.
suppressPackageStartupMessages(library(haven))
path <- "bench-data/survey-100000x60.sav"
dir.create("bench-data", showWarnings = FALSE)
if (!file.exists(path)) {
  set.seed(20261125)
  n <- 100000
  trait <- rnorm(n)
  labels <- c("Strongly disagree" = 1, "Disagree" = 2, "Somewhat disagree" = 3, "Neutral" = 4,
              "Somewhat agree" = 5, "Agree" = 6, "Strongly agree" = 7)
  items <- lapply(1:60, function(k) {
    x <- pmin(7, pmax(1, round(4 + 1.2 * trait + rnorm(n))))
    x[runif(n) < 0.02] <- NA
    labelled(x, labels, label = sprintf("Item %d", k))
  })
  names(items) <- sprintf("q%d", 1:60)
  write_sav(as.data.frame(items), path)
}
times <- sapply(1:3, function(i) system.time(read_sav(path))[["elapsed"]])
writeLines(sprintf("read %.6f", median(times)), "bench-data/haven-sav.txt")
