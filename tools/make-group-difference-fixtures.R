#!/usr/bin/env Rscript
# Bootstrap reference for differences between groups, from lavaan 0.6-14 (Debian's r-cran-lavaan).
# Run from the repository root:  Rscript tools/make-group-difference-fixtures.R
# The campaign study's two variants (live = group 1, short = group 2), equal loadings, with
# per-group labels and := rows for the indirect effect HA -> PT -> PI in each group, their
# difference and the difference of the a paths; se = "bootstrap" with 1000 draws (serial, fixed
# iseed). Writes Tests/TrustPathSEMTests/Fixtures/bootstrap/two-market-defined-{estimates.csv,meta.txt}:
# the := rows with their bootstrap SE and percentile interval, to check TrustPath's own resampling
# of group differences within Monte Carlo error (the delta-method values are engine-two-market-defined).
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/bootstrap"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", as.numeric(x)))
campaign_file <- "Surveys/campaign-ab/responses.csv"
campaign <- read.csv(campaign_file)
two_market <- "
HA =~ HA1 + HA2 + HA3 + HA4
ID =~ ID1 + ID2 + ID3 + ID4
PT =~ PT1 + PT2 + PT3 + PT4
PI =~ PI1 + PI2 + PI3 + PI4
PT ~ c(a_live, a_short)*HA + ID
PI ~ c(b_live, b_short)*PT + HA
indirect_live := a_live*b_live
indirect_short := a_short*b_short
indirect_difference := indirect_live - indirect_short
a_difference := a_live - a_short
"
R <- 1000
fit <- sem(two_market, data = campaign, group = "variant", group.equal = "loadings", se = "bootstrap",
           bootstrap = R, iseed = 20261203, parallel = "no")
pe <- parameterEstimates(fit, boot.ci.type = "perc", level = 0.95)
defined <- pe[pe$op == ":=", ]
df <- data.frame(lhs = defined$lhs, est = num(defined$est), se = num(defined$se),
                 perc.lower = num(defined$ci.lower), perc.upper = num(defined$ci.upper))
write.csv(df, file.path(out, "two-market-defined-estimates.csv"), row.names = FALSE, quote = FALSE)
boot <- lavInspect(fit, "boot")
writeLines(c(paste("lavaan", packageVersion("lavaan")), paste("data", campaign_file, unname(tools::md5sum(campaign_file))),
             "call sem(model, data, group = \"variant\", group.equal = \"loadings\", se = \"bootstrap\")",
             paste("R", R), "iseed 20261203", "parallel no", paste("failed", sum(attr(boot, "error.idx") > 0))),
           file.path(out, "two-market-defined-meta.txt"))
