#!/usr/bin/env Rscript
# Reference values for lavaan's robust statistics with fixed exogenous covariates (fixed.x = TRUE), from
# lavaan 0.6-14 (Debian's r-cran-lavaan). Run from the repository root:
#   Rscript tools/make-fixed-covariate-robust-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/engine-<case>/ (helpers: tools/lavaan-fixture-helpers.R); the tests
# never need R.
#
# With fixed.x, lavaan's Γ is that of the moments less those of the indicators' regressions on the
# covariates (lav_samplestats_Gamma), so the covariates' own moments drop out; the robust FIML traces
# leave out the covariates' moments alike.
#   engine-mlm-covariates        the MIMIC model with a direct effect (engine-mimic-dif), estimator MLM
#   engine-mlmv-covariates       the same, estimator MLMV (scaled-shifted test)
#   engine-mlr-fiml-covariates   engine-fiml-covariates' data and model, missing = "ml", estimator MLR
#   engine-groups-*              the MIMIC model by school (MLM), engine-groups-fiml-covariates (MLR and ML)
suppressPackageStartupMessages(library(lavaan))

root <- "Tests/TrustPathSEMTests/Fixtures"
source("tools/lavaan-fixture-helpers.R")

hs_file <- "Surveys/reference/holzinger-swineford-1939.csv"
hs <- read.csv(hs_file)
mimic <- "
visual =~ x1 + x2 + x3 + x9
visual ~ ageyr + sex
x3 ~ sex
"
write_fixtures("engine-mlm-covariates", fit_bfgs("sem", mimic, hs, estimator = "MLM"), mimic,
               "sem(model, data, estimator = \"MLM\")  # fixed.x", hs_file)
write_fixtures("engine-mlmv-covariates", fit_bfgs("sem", mimic, hs, estimator = "MLMV"), mimic,
               "sem(model, data, estimator = \"MLMV\")  # fixed.x", hs_file)

# The data of engine-fiml-covariates (written by tools/make-engine-fixtures.R): x1-x6 10% MCAR.
fiml_file <- file.path(root, "engine-fiml-covariates", "data.csv")
fiml_model <- paste(readLines(file.path(root, "engine-fiml-covariates", "model.lav")), collapse = "\n")
# On the FIML likelihood BFGS stops at a gradient of about 2e-7 (fit_bfgs asks for 1e-7; a tighter
# nlminb tolerance fails the baseline fit), so the estimates hold to about 1e-6.
fiml_fit <- sem(fiml_model, data = read.csv(fiml_file), missing = "ml", estimator = "MLR", optim.method = "BFGS",
                control = list(reltol = 1e-16, maxit = 100000L))
fiml_gradient <- max(abs(as.numeric(lavInspect(fiml_fit, "gradient"))))
stopifnot(lavInspect(fiml_fit, "converged"), fiml_gradient < 1e-6)
attr(fiml_fit, "start0") <- parTable(fiml_fit)$start
attr(fiml_fit, "polish") <- list(nlminb.converged = NA, nlminb.iterations = NA, nlminb.grad = NA,
                                 nlminb.grad.projected = NA, nlminb.chisq = NA, steps = 0L, grad = fiml_gradient,
                                 grad.projected = fiml_gradient, eq.constraints = FALSE)
write_fixtures("engine-mlr-fiml-covariates", fiml_fit, fiml_model,
               "sem(model, data, missing = \"ml\", estimator = \"MLR\")  # fixed.x", fiml_file)

# Across groups: the MIMIC model by school under MLM, and engine-groups-fiml-covariates' data and model
# (x1-x6 10% MCAR by school) under MLR with missing = "ml".
write_group_fixtures("engine-groups-mlm-covariates", fit_bfgs("sem", mimic, hs, group = "school", estimator = "MLM"), mimic,
             "sem(model, data, group = \"school\", estimator = \"MLM\")  # fixed.x", hs_file)
groups_file <- file.path(root, "engine-groups-fiml-covariates", "data.csv")
groups_model <- paste(readLines(file.path(root, "engine-groups-fiml-covariates", "model.lav")), collapse = "\n")
groups_fit <- sem(groups_model, data = read.csv(groups_file), group = "school", missing = "ml", estimator = "MLR",
                  optim.method = "BFGS", control = list(reltol = 1e-16, maxit = 100000L))
stopifnot(lavInspect(groups_fit, "converged"), max(abs(as.numeric(lavInspect(groups_fit, "gradient")))) < 1e-6)
write_group_fixtures("engine-groups-mlr-fiml-covariates", groups_fit, groups_model,
             "sem(model, data, group = \"school\", missing = \"ml\", estimator = \"MLR\")  # fixed.x", groups_file)

# The same under plain ML: lavaan reports the FIML-corrected .robust indices (version 6 of
# lav_fit_fiml_corrected) beside the standard test.
groups_ml_fit <- sem(groups_model, data = read.csv(groups_file), group = "school", missing = "ml",
                     optim.method = "BFGS", control = list(reltol = 1e-16, maxit = 100000L))
stopifnot(lavInspect(groups_ml_fit, "converged"), max(abs(as.numeric(lavInspect(groups_ml_fit, "gradient")))) < 1e-6)
write_group_fixtures("engine-groups-ml-fiml-covariates", groups_ml_fit, groups_model,
                     "sem(model, data, group = \"school\", missing = \"ml\")  # fixed.x", groups_file)
