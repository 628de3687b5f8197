#!/usr/bin/env Rscript
# Reference values for `trustpath describe` and the distribution functions, from R.
# Run from the repository root:  Rscript tools/make-describe-fixtures.R
# Writes Tests/TrustPathCLITests/Fixtures/reference/*.csv and
# Tests/TrustPathLinalgTests/Fixtures/distributions-expected.csv (committed; the tests never need R).
suppressPackageStartupMessages(library(psych))
out <- "Tests/TrustPathCLITests/Fixtures/reference"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
write_table <- function(df, file) {
  df[] <- lapply(df, function(col) if (is.numeric(col)) num(col) else col)
  write.csv(df, file.path(out, file), row.names = FALSE, quote = FALSE)
}

# 1. Input: Holzinger-Swineford x1..x9 with a deterministic pattern of missing cells, plus a
#    skewed column, written with 17 significant digits so both sides read the same doubles.
hs <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
d <- hs[, paste0("x", 1:9)]
d$x1[seq(3, 301, by = 17)] <- NA
d$x5[seq(10, 301, by = 23)] <- NA
d$x9[c(1, 2, 300)] <- NA
d$skewed <- exp(hs$x6 / 2)
write_table(d, "describe-input.csv")
d <- read.csv(file.path(out, "describe-input.csv"))

# 2. psych::describe (type = 3 is its default) plus R's median and trimmed mean.
s <- psych::describe(d, type = 3)
write_table(data.frame(variable = rownames(s), n = s$n, missing = nrow(d) - s$n, mean = s$mean, sd = s$sd,
                       median = s$median, trimmed = s$trimmed, mad = s$mad, min = s$min, max = s$max,
                       range = s$range, skew = s$skew, kurtosis = s$kurtosis, se = s$se),
            "describe-expected.csv")

# 3. Pairwise-complete Pearson r with cor.test's n and two-sided p.
pairs <- list()
v <- names(d)
for (i in 1:(length(v) - 1)) for (j in (i + 1):length(v)) {
  ok <- complete.cases(d[[v[i]]], d[[v[j]]])
  t <- cor.test(d[[v[i]]][ok], d[[v[j]]][ok])
  pairs[[length(pairs) + 1]] <- data.frame(var1 = v[i], var2 = v[j], r = unname(t$estimate),
                                           n = sum(ok), p = t$p.value)
}
write_table(do.call(rbind, pairs), "correlations-expected.csv")

# 4. Distribution functions at a few points, for the GSL layer.
dist <- rbind(
  data.frame(fn = "pnorm", a = c(-3, -1.96, 0, 0.5, 1.96, 4), b = NA, value = pnorm(c(-3, -1.96, 0, 0.5, 1.96, 4))),
  data.frame(fn = "qnorm", a = c(0.001, 0.025, 0.5, 0.975, 0.999), b = NA, value = qnorm(c(0.001, 0.025, 0.5, 0.975, 0.999))),
  data.frame(fn = "pt", a = c(-2.5, 0.3, 2.1), b = c(5, 12, 298), value = pt(c(-2.5, 0.3, 2.1), c(5, 12, 298))),
  data.frame(fn = "qt", a = c(0.975, 0.995), b = c(10, 299), value = qt(c(0.975, 0.995), c(10, 299))),
  data.frame(fn = "pchisq.upper", a = c(3.84, 85.3, 24), b = c(1, 24, 24),
             value = pchisq(c(3.84, 85.3, 24), c(1, 24, 24), lower.tail = FALSE)),
  data.frame(fn = "qchisq", a = c(0.95, 0.05), b = c(24, 3), value = qchisq(c(0.95, 0.05), c(24, 3))),
  data.frame(fn = "pf.upper", a = c(4.2, 1.1), b = c(3, 5), value = pf(c(4.2, 1.1), c(3, 5), c(96, 200), lower.tail = FALSE))
)
dist$c <- ifelse(dist$fn == "pf.upper", c(96, 200)[match(dist$a, c(4.2, 1.1))], NA)
write.csv(data.frame(lapply(dist, function(col) if (is.numeric(col)) num(col) else col)),
          "Tests/TrustPathLinalgTests/Fixtures/distributions-expected.csv", row.names = FALSE, quote = FALSE)

writeLines(c(paste("R", R.version$major, R.version$minor, sep = "."),
             paste("psych", packageVersion("psych"))), file.path(out, "meta.txt"))
