#!/usr/bin/env Rscript
# Bootstrap reference values from lavaan 0.6-14 (se = "bootstrap", serial, fixed iseed).
# Run from the repository root:  Rscript tools/make-bootstrap-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/bootstrap/<model>-{draws,estimates}.csv:
#  - draws: lavInspect(fit, "boot"), one row per draw, one column per free parameter (free-index order);
#  - estimates: parameterEstimates() with bootstrap SEs and percentile ("perc"), bias-corrected
#    ("bca.simple"), normal ("norm") and basic ("basic") intervals, for checking TrustPath's interval code on lavaan's own draws (exact)
#    and TrustPath's own resampling against lavaan's SEs (within Monte Carlo error).
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/bootstrap"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", as.numeric(x)))
write_table <- function(df, path) {
  df[] <- lapply(df, function(col) if (is.numeric(col)) num(col) else col)
  write.csv(df, path, row.names = FALSE, quote = FALSE)
}
run <- function(name, model, data, R) {
  fit <- sem(model, data = data, se = "bootstrap", bootstrap = R, iseed = 20261125, parallel = "no")
  boot <- lavInspect(fit, "boot")
  write_table(as.data.frame(boot), file.path(out, paste0(name, "-draws.csv")))
  perc <- parameterEstimates(fit, boot.ci.type = "perc", level = 0.95)
  bc <- parameterEstimates(fit, boot.ci.type = "bca.simple", level = 0.95)
  norm <- parameterEstimates(fit, boot.ci.type = "norm", level = 0.95)
  basic <- parameterEstimates(fit, boot.ci.type = "basic", level = 0.95)
  pt <- parTable(fit)
  free <- rep(0L, nrow(perc))
  idx <- match(paste(perc$lhs, perc$op, perc$rhs), paste(pt$lhs, pt$op, pt$rhs))
  free[!is.na(idx)] <- pt$free[idx[!is.na(idx)]]
  write_table(data.frame(lhs = perc$lhs, op = perc$op, rhs = perc$rhs, free = free, est = perc$est, se = perc$se,
                         perc.lower = perc$ci.lower, perc.upper = perc$ci.upper,
                         bc.lower = bc$ci.lower, bc.upper = bc$ci.upper,
                         norm.lower = norm$ci.lower, norm.upper = norm$ci.upper,
                         basic.lower = basic$ci.lower, basic.upper = basic$ci.upper),
              file.path(out, paste0(name, "-estimates.csv")))
  writeLines(c(paste("lavaan", packageVersion("lavaan")), paste("R", R), "iseed 20261125", "parallel no",
               paste("failed", sum(attr(boot, "error.idx") > 0))), file.path(out, paste0(name, "-meta.txt")))
}
hs <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
run("hs-cfa", readLines("Surveys/reference/holzinger-swineford.lav"), hs, 1000)
trust <- read.csv("Surveys/reference/trust-simulated-400.csv")
run("trust-sem", readLines("Surveys/reference/trust.lav"), trust, 1000)

# Bollen-Stine bootstrap p-value of the model test (lavaan's test = "bollen.stine", 1,000 draws).
pd <- read.csv("Surveys/reference/political-democracy.csv")
bs <- sem(paste(readLines("Surveys/reference/political-democracy.lav"), collapse = "\n"), data = pd,
          test = "bollen.stine", bootstrap = 1000, iseed = 20261125, parallel = "no")
fm <- fitMeasures(bs)
writeLines(c("measure,value", sprintf("chisq,%.17g", fm[["chisq"]]), sprintf("bollen.stine.pvalue,%.17g", bs@test[[2]]$pvalue)),
           file.path(out, "poldem-bollen-stine.csv"))

# The Bollen-Stine bootstrap across groups: a two-factor CFA of HS by school (textual and speed, which
# fits well enough for a p-value away from 0); lavaan transforms each group's rows to its own implied
# moments and resamples within the groups; 1,000 draws.
hs_groups <- cfa("textual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9", data = hs, group = "school",
                 test = "bollen.stine", bootstrap = 1000, iseed = 20261125, parallel = "no")
fm <- fitMeasures(hs_groups)
writeLines(c("measure,value", sprintf("chisq,%.17g", fm[["chisq"]]),
             sprintf("bollen.stine.pvalue,%.17g", hs_groups@test[[2]]$pvalue)),
           file.path(out, "hs-groups-bollen-stine.csv"))
