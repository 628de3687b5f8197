#!/usr/bin/env Rscript
# Reference values for WLSMV across groups with observed predictors (lavaan's conditional.x = TRUE,
# its default with ordered items and covariates), from lavaan 0.6-14 (Debian's r-cran-lavaan).
# Run from the repository root:  Rscript tools/make-wlsmv-groups-covariates-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/engine-<case>/ (helpers: tools/lavaan-fixture-helpers.R); the tests
# never need R.
#
# The campaign responses by variant: trust measured by its four ordinal items, regressed on two answers
# treated as continuous predictors (HA1, ID1).
#   engine-wlsmv-groups-covariates        configural (each group's thresholds free)
#   engine-wlsmv-groups-covariates-equal  thresholds and loadings equal (scale factors free in group 2)
# and the DIFFTEST from configural to equal loadings to both equal (difftest.csv beside the first).
suppressPackageStartupMessages(library(lavaan))

root <- "Tests/TrustPathSEMTests/Fixtures"
source("tools/lavaan-fixture-helpers.R")

campaign_file <- "Surveys/campaign-ab/responses.csv"
campaign <- read.csv(campaign_file)
model <- "
PT =~ PT1 + PT2 + PT3 + PT4
PT ~ HA1 + ID1
"
items <- c("PT1", "PT2", "PT3", "PT4")
configural <- sem(model, campaign, ordered = items, group = "variant")
stopifnot(lavInspect(configural, "converged"))
write_group_fixtures("engine-wlsmv-groups-covariates", configural, model,
                     "sem(model, data, ordered = PT1-PT4, group = \"variant\")  # conditional.x", campaign_file)
equal <- sem(model, campaign, ordered = items, group = "variant", group.equal = c("thresholds", "loadings"))
stopifnot(lavInspect(equal, "converged"))
write_group_fixtures("engine-wlsmv-groups-covariates-equal", equal, model,
                     "sem(model, data, ordered = PT1-PT4, group = \"variant\", group.equal = c(\"thresholds\", \"loadings\"))",
                     campaign_file)

# lavaan's DIFFTEST (lavTestLRT) from configural to equal loadings to equal thresholds and loadings.
metric <- sem(model, campaign, ordered = items, group = "variant", group.equal = "loadings")
lrt <- lavTestLRT(configural, metric, equal)
write_table(data.frame(model = c("configural", "metric", "thresholds-loadings"), df = lrt$Df,
                       chisq.diff = lrt[["Chisq diff"]], df.diff = lrt[["Df diff"]]),
            file.path(root, "engine-wlsmv-groups-covariates", "difftest.csv"))
