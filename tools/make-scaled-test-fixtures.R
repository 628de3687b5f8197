#!/usr/bin/env Rscript
# Reference values for lavaan's two Yuan-Bentler tests on complete data, and for MLMV and MLMVS across
# groups, from lavaan 0.6-14 (Debian's r-cran-lavaan). Run from the repository root:  Rscript tools/make-scaled-test-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/engine-<case>/ (helpers: tools/lavaan-fixture-helpers.R);
# the tests never need R.
#
# Cases, each on the Holzinger-Swineford three-factor CFA:
#   engine-ml-yuan-bentler      estimator ML, test = "yuan.bentler": on complete data lavaan's
#                               c = tr(UΓ)/df equals Satorra-Bentler's; fitMeasures adds
#                               scaling.factor.h1 = tr(A1⁻¹B1)/ndat and scaling.factor.h0 = tr(A⁻¹B0)/npar
#   engine-mlr-trace-factors    estimator MLR (test yuan.bentler.mplus), for its scaling.factor.h1/h0
#   engine-groups-yuan-bentler  by school with equal loadings, test = "yuan.bentler"
#   engine-groups-mlmv          by school with equal loadings, estimator MLMV (scaled-shifted test)
#   engine-groups-mlmvs         by school with equal loadings, estimator MLMVS (mean.var.adjusted test)
suppressPackageStartupMessages(library(lavaan))

root <- "Tests/TrustPathSEMTests/Fixtures"
source("tools/lavaan-fixture-helpers.R")

hs_file <- "Surveys/reference/holzinger-swineford-1939.csv"
hs <- read.csv(hs_file)
hs_model <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9
"
write_fixtures("engine-ml-yuan-bentler", fit_polished("cfa", hs_model, hs, test = "yuan.bentler"), hs_model,
               "cfa(model, data, test = \"yuan.bentler\")", hs_file)
write_fixtures("engine-mlr-trace-factors", fit_polished("cfa", hs_model, hs, estimator = "MLR"), hs_model,
               "cfa(model, data, estimator = \"MLR\")", hs_file)

write_groups <- function(name, call, ...) {
  write_group_fixtures(name, fit_polished("cfa", hs_model, hs, group = "school", group.equal = "loadings", ...),
                       hs_model, call, hs_file)
}
write_groups("engine-groups-yuan-bentler",
             "cfa(model, data, group = \"school\", group.equal = \"loadings\", test = \"yuan.bentler\")",
             test = "yuan.bentler")
write_groups("engine-groups-mlmv", "cfa(model, data, group = \"school\", group.equal = \"loadings\", estimator = \"MLMV\")",
             estimator = "MLMV")
write_groups("engine-groups-mlmvs", "cfa(model, data, group = \"school\", group.equal = \"loadings\", estimator = \"MLMVS\")",
             estimator = "MLMVS")
