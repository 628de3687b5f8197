#!/usr/bin/env Rscript
# Reference values for the least-squares family on continuous data, from lavaan 0.6-14 (Debian's
# r-cran-lavaan): estimator = "GLS", "WLS" (ADF: the weight is the inverse of Γ, the asymptotic
# covariance of the sample moments), "DWLS" (its diagonal), "ULS", and the robust "WLSMV" and
# "ULSMV" (robust.sem standard errors, scaled-shifted test), with and without a mean structure.
# The models are those of the public lavaan-check suite (github.com/lucdw/lavaan-check, tests/
# pol_dem_gls.R, pol_dem_wls.R, HS_mean_GLS.R) on lavaan's bundled data sets, which
# Surveys/reference holds. Run from the repository root:  Rscript tools/make-least-squares-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/ls-<case>/ with the files of tools/make-sem-fixtures.R.
suppressPackageStartupMessages(library(lavaan))

root <- "Tests/TrustPathSEMTests/Fixtures"
source("tools/lavaan-fixture-helpers.R")

pd_file <- "Surveys/reference/political-democracy.csv"
pd <- read.csv(pd_file)
# lavaan-check's pol_dem model (the lavaan tutorial's), as Surveys/reference/political-democracy.lav.
pol_dem <- paste(readLines("Surveys/reference/political-democracy.lav"), collapse = "\n")
for (estimator in c("GLS", "WLS", "DWLS", "WLSMV", "ULSMV")) {
  write_fixtures(paste0("ls-poldem-", tolower(estimator)), fit_polished("sem", pol_dem, pd, estimator = estimator),
                 pol_dem, sprintf("sem(model, data, estimator = \"%s\")  # lavaan-check pol_dem", estimator), pd_file)
}

hs_file <- "Surveys/reference/holzinger-swineford-1939.csv"
hs <- read.csv(hs_file)
hs_model <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9
"
for (estimator in c("GLS", "WLS", "ULS", "DWLS")) {
  write_fixtures(paste0("ls-hs-means-", tolower(estimator)),
                 fit_polished("sem", hs_model, hs, estimator = estimator, meanstructure = TRUE), hs_model,
                 sprintf("sem(model, data, estimator = \"%s\", meanstructure = TRUE)  # lavaan-check HS_mean_GLS", estimator),
                 hs_file)
}

# Observed predictors: with these estimators lavaan's fixed.x is FALSE, so the predictors'
# variances, covariance and (with a mean structure) means are free parameters.
covariates <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
visual ~ ageyr + sex
textual ~ ageyr
"
write_fixtures("ls-hs-covariates-wlsmv", fit_polished("sem", covariates, hs, estimator = "WLSMV", meanstructure = TRUE),
               covariates, "sem(model, data, estimator = \"WLSMV\", meanstructure = TRUE)", hs_file)
