#!/usr/bin/env Rscript
# Reference values for screening: Mardia's test (psych 2.2.9) and Mahalanobis distances (stats) on
# the 400 attentive rows of the bundled cross-border-trust study, items as answered (RR4 and PI4
# reverse-keyed; distances and Mardia's statistics do not change under that recoding).
# Run from the repository root:  Rscript tools/make-screening-fixtures.R
# Writes Tests/TrustPathSurveyTests/Fixtures/screening/{mardia.csv, mahalanobis.csv}.
suppressMessages(library(psych))
out <- "Tests/TrustPathSurveyTests/Fixtures/screening"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
num <- function(x) sprintf("%.17g", x)
d <- read.csv("Surveys/cross-border-trust/responses.csv", stringsAsFactors = FALSE)
items <- names(d)[grepl("^(HA|ID|RR|SC|PT|PI)[1-4]$", names(d))]
kept <- d[d$consent == "yes" & !is.na(d$AC1) & d$AC1 == 2 & d$duration_s >= 90 &
          apply(d[, items], 1, function(r) length(unique(r)) > 1), ]
x <- as.matrix(kept[, items])
m <- mardia(x, plot = FALSE)
write.csv(data.frame(statistic = c("b1p", "b2p", "skew", "small.skew", "p.skew", "p.small", "kurtosis", "p.kurt", "n"),
                     value = num(c(m$b1p, m$b2p, m$skew, m$small.skew, m$p.skew, m$p.small, m$kurtosis, m$p.kurt, m$n.obs))),
          file.path(out, "mardia.csv"), row.names = FALSE, quote = FALSE)
d2 <- mahalanobis(x, colMeans(x), cov(x))
write.csv(data.frame(id = kept$response_id, d2 = num(d2)), file.path(out, "mahalanobis.csv"), row.names = FALSE, quote = FALSE)
cat(nrow(kept), "rows\n")
