#!/usr/bin/env Rscript
# Reference values for model shapes and boundary conventions of the SEM engine, from lavaan 0.6-14
# (Debian's r-cran-lavaan). Run from the repository root:  Rscript tools/make-engine-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/engine-<case>/ with the files of tools/make-sem-fixtures.R
# (the helpers are shared: tools/lavaan-fixture-helpers.R); the tests never need R.
#
# Cases:
#   engine-saturated-regression  y1 ~ x1 + x2 on PoliticalDemocracy: df = 0 with fixed.x covariates;
#                                lavaan's conventions: CFI = TLI = NFI = RFI = IFI = AGFI = 1, RMSEA 0,
#                                p-values and Hoelter's N NA (lav_fit_cfi, lav_fit_nnfi, lav_fit_cn, ...)
#   engine-just-identified       visual =~ x1 + x2 + x3 on Holzinger-Swineford: df = 0, baseline df 3
#   engine-mimic-dif             a MIMIC model with a direct effect of a covariate on one indicator
#                                (uniform DIF): lavaan places x3 ~ sex in LAMBDA, the indicator's row
#   engine-latent-change         a four-wave latent change score model (McArdle 2009) on simulated
#                                data (data.csv in the folder): latent variables that are indicators
#                                of change factors are not "lv.y", so lavaan's auto.cov.y does not
#                                covary them (lav_partable_vnames: lv.y excludes v.ind)
suppressPackageStartupMessages(library(lavaan))

root <- "Tests/TrustPathSEMTests/Fixtures"
source("tools/lavaan-fixture-helpers.R")

pd_file <- "Surveys/reference/political-democracy.csv"
pd <- read.csv(pd_file)
saturated <- "
y1 ~ x1 + x2
"
write_fixtures("engine-saturated-regression", fit_bfgs("sem", saturated, pd), saturated,
               "sem(model, data)  # fixed.x, df = 0", pd_file)

hs_file <- "Surveys/reference/holzinger-swineford-1939.csv"
hs <- read.csv(hs_file)
just <- "
visual =~ x1 + x2 + x3
"
write_fixtures("engine-just-identified", fit_polished("cfa", just, hs), just, "cfa(model, data)  # df = 0", hs_file)

mimic <- "
visual =~ x1 + x2 + x3 + x9
visual ~ ageyr + sex
x3 ~ sex
"
write_fixtures("engine-mimic-dif", fit_bfgs("sem", mimic, hs), mimic, "sem(model, data)  # fixed.x", hs_file)

# Four waves of one score; change d_t = b l_{t-1} + intercept + disturbance; equal measurement
# error variances. Population values below; N = 500, seed 20261203.
change_population <- "
l1 =~ 1*y1
l2 =~ 1*y2
l3 =~ 1*y3
l4 =~ 1*y4
l2 ~ 1*l1
l3 ~ 1*l2
l4 ~ 1*l3
d2 =~ 1*l2
d3 =~ 1*l3
d4 =~ 1*l4
d2 ~ -0.2*l1
d3 ~ -0.2*l2
d4 ~ -0.2*l3
l2 ~~ 0*l2
l3 ~~ 0*l3
l4 ~~ 0*l4
l1 ~~ 1*l1
d2 ~~ 0.5*d2
d3 ~~ 0.5*d3
d4 ~~ 0.5*d4
d2 ~~ 0.1*d3
d2 ~~ 0.1*d4
d3 ~~ 0.1*d4
y1 ~~ 0.3*y1
y2 ~~ 0.3*y2
y3 ~~ 0.3*y3
y4 ~~ 0.3*y4
l1 ~ 3*1
d2 ~ 1*1
d3 ~ 1*1
d4 ~ 1*1
"
change <- "
l1 =~ 1*y1
l2 =~ 1*y2
l3 =~ 1*y3
l4 =~ 1*y4
l2 ~ 1*l1
l3 ~ 1*l2
l4 ~ 1*l3
d2 =~ 1*l2
d3 =~ 1*l3
d4 =~ 1*l4
d2 ~ b*l1
d3 ~ b*l2
d4 ~ b*l3
l2 ~~ 0*l2
l3 ~~ 0*l3
l4 ~~ 0*l4
y1 ~~ e*y1
y2 ~~ e*y2
y3 ~~ e*y3
y4 ~~ e*y4
l1 ~ 1
d2 ~ 1
d3 ~ 1
d4 ~ 1
y1 ~ 0*1
y2 ~ 0*1
y3 ~ 0*1
y4 ~ 0*1
"
change_dir <- file.path(root, "engine-latent-change")
dir.create(change_dir, recursive = TRUE, showWarnings = FALSE)
change_file <- file.path(change_dir, "data.csv")
set.seed(20261203)
change_data <- simulateData(change_population, sample.nobs = 500L)
write.csv(round(change_data, 6), change_file, row.names = FALSE)
change_data <- read.csv(change_file)
write_fixtures("engine-latent-change", fit_polished("sem", change, change_data), change, "sem(model, data)", change_file)

# Compositions of standard errors and tests (lavaan's se = and test = beside estimator =), each on
# the Holzinger-Swineford CFA: the sandwich without the scaled test, and the Satorra-Bentler test
# beside ML standard errors. (lavaan takes the observed information only for se = robust.huber.white
# or missing = "ml": estimator = "MLR", se = "standard" gives expected-information SEs and a
# Yuan-Bentler trace on the expected information, which TrustPath refuses as not yet available.)
hs_model <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9
"
write_fixtures("engine-ml-huber-white", fit_polished("cfa", hs_model, hs, se = "robust.huber.white"), hs_model,
               "cfa(model, data, se = \"robust.huber.white\")", hs_file)
write_fixtures("engine-ml-satorra-bentler", fit_polished("cfa", hs_model, hs, test = "satorra.bentler"), hs_model,
               "cfa(model, data, test = \"satorra.bentler\")", hs_file)
write_fixtures("engine-mlmv", fit_polished("cfa", hs_model, hs, estimator = "MLMV"), hs_model,
               "cfa(model, data, estimator = \"MLMV\")  # robust.sem SEs, scaled-shifted test", hs_file)
write_fixtures("engine-mlmvs", fit_polished("cfa", hs_model, hs, estimator = "MLMVS"), hs_model,
               "cfa(model, data, estimator = \"MLMVS\")  # robust.sem SEs, mean.var.adjusted test", hs_file)
# Standard errors from the first-order information (the mean cross-product of the casewise scores),
# without and with fixed.x covariates.
write_fixtures("engine-ml-first-order", fit_polished("cfa", hs_model, hs, information = "first.order"), hs_model,
               "cfa(model, data, information = \"first.order\")", hs_file)
first_order_x <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
visual ~ ageyr + sex
"
write_fixtures("engine-ml-first-order-covariates", fit_bfgs("sem", first_order_x, hs, information = "first.order"),
               first_order_x, "sem(model, data, information = \"first.order\")  # fixed.x", hs_file)

# Defined parameters across groups: the campaign study's two variants (live = group 1, short =
# group 2) with per-group labels c(a_live, a_short) and := rows over them, equal loadings.
# lavaan lists := rows with group 0 (block 0); they come last, after every group's rows.
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
"
defined <- sem(two_market, data = campaign, group = "variant", group.equal = "loadings")
defined_dir <- file.path(root, "engine-two-market-defined")
dir.create(defined_dir, recursive = TRUE, showWarnings = FALSE)
writeLines(trimws(strsplit(trimws(two_market), "\n")[[1]]), file.path(defined_dir, "model.lav"))
pe <- parameterEstimates(defined, standardized = TRUE)
write_table(pe[, c("lhs", "op", "rhs", "group", "label", "est", "se", "std.lv", "std.all")], file.path(defined_dir, "estimates.csv"))
fm <- fitMeasures(defined, c("npar", "chisq", "df", "cfi", "tli", "rmsea", "srmr"))
write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(defined_dir, "fit.csv"))
writeLines(c(paste("lavaan", as.character(packageVersion("lavaan"))), paste("data", campaign_file, unname(tools::md5sum(campaign_file))),
             "call sem(model, data, group = \"variant\", group.equal = \"loadings\")",
             paste("groups", paste(lavInspect(defined, "group.label"), collapse = ",")),
             paste("converged", lavInspect(defined, "converged"))), file.path(defined_dir, "meta.txt"))

# Observed information across groups: the HS CFA by school with equal loadings, se = "standard"
# with information = "observed" (the Hessian of the multi-group discrepancy).
observed_groups_dir <- file.path(root, "engine-groups-observed")
dir.create(observed_groups_dir, recursive = TRUE, showWarnings = FALSE)
writeLines(trimws(strsplit(trimws(hs_model), "\n")[[1]]), file.path(observed_groups_dir, "model.lav"))
observed_groups <- fit_polished("cfa", hs_model, hs, group = "school", group.equal = "loadings", information = "observed")
pe <- parameterEstimates(observed_groups, standardized = TRUE)
write_table(pe[, c("lhs", "op", "rhs", "group", "label", "est", "se", "std.lv", "std.all")],
            file.path(observed_groups_dir, "estimates.csv"))
fm <- fitMeasures(observed_groups, c("npar", "chisq", "df", "cfi", "tli", "rmsea", "srmr"))
write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(observed_groups_dir, "fit.csv"))

# Multi-group FIML with fixed exogenous covariates: Holzinger-Swineford by school with 10% of x1-x6
# missing completely at random (seed 20261204; the covariates complete), missing = "ml", fixed.x.
groups_fiml_x_dir <- file.path(root, "engine-groups-fiml-covariates")
dir.create(groups_fiml_x_dir, recursive = TRUE, showWarnings = FALSE)
set.seed(20261204)
hs_groups_mcar <- hs[, c("school", "ageyr", "sex", paste0("x", 1:6))]
for (v in paste0("x", 1:6)) hs_groups_mcar[runif(nrow(hs_groups_mcar)) < 0.10, v] <- NA
groups_fiml_x_file <- file.path(groups_fiml_x_dir, "data.csv")
write.csv(hs_groups_mcar, groups_fiml_x_file, row.names = FALSE, na = "")
groups_fiml_x <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
visual ~ ageyr + sex
"
writeLines(trimws(strsplit(trimws(groups_fiml_x), "\n")[[1]]), file.path(groups_fiml_x_dir, "model.lav"))
groups_fiml_x_fit <- sem(groups_fiml_x, data = hs_groups_mcar, group = "school", missing = "ml",
                         optim.method = "BFGS", control = list(reltol = 1e-16, maxit = 100000L))
pe <- parameterEstimates(groups_fiml_x_fit, standardized = TRUE)
if (is.null(pe$label)) pe$label <- ""
write_table(pe[, c("lhs", "op", "rhs", "group", "label", "est", "se", "std.lv", "std.all")],
            file.path(groups_fiml_x_dir, "estimates.csv"))
fm <- fitMeasures(groups_fiml_x_fit, c("npar", "chisq", "df", "baseline.chisq", "baseline.df", "cfi", "tli", "logl",
                                       "unrestricted.logl", "aic", "bic", "rmsea", "ntotal"))
write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(groups_fiml_x_dir, "fit.csv"))

# FIML with fixed exogenous covariates: Holzinger-Swineford with 10% of x1-x6 missing completely at
# random (seed 20261203; the covariates complete), missing = "ml", fixed.x = TRUE. lavaan's
# log-likelihoods (and so AIC and BIC) are those of the indicators given the covariates.
fiml_x_dir <- file.path(root, "engine-fiml-covariates")
dir.create(fiml_x_dir, recursive = TRUE, showWarnings = FALSE)
set.seed(20261203)
hs_mcar <- hs[, c("ageyr", "sex", paste0("x", 1:6))]
for (v in paste0("x", 1:6)) hs_mcar[runif(nrow(hs_mcar)) < 0.10, v] <- NA
fiml_x_file <- file.path(fiml_x_dir, "data.csv")
write.csv(hs_mcar, fiml_x_file, row.names = FALSE, na = "")
fiml_x <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
visual ~ ageyr + sex
textual ~ ageyr
"
fitted_x <- sem(fiml_x, data = read.csv(fiml_x_file), missing = "ml")
writeLines(trimws(strsplit(trimws(fiml_x), "\n")[[1]]), file.path(fiml_x_dir, "model.lav"))
pe <- parameterEstimates(fitted_x, standardized = TRUE)
if (is.null(pe$label)) pe$label <- ""
write_table(pe[, c("lhs", "op", "rhs", "label", "est", "se", "std.all")], file.path(fiml_x_dir, "estimates.csv"))
fm <- fitMeasures(fitted_x)
write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(fiml_x_dir, "fit.csv"))
writeLines(c(paste("lavaan", as.character(packageVersion("lavaan"))), "call sem(model, data, missing = \"ml\")  # fixed.x = TRUE",
             paste("converged", lavInspect(fitted_x, "converged")), paste("npar", fm[["npar"]])), file.path(fiml_x_dir, "meta.txt"))

# WLSMV on binary items: a two-factor CFA with three items each (N = 300, seed 7), where two
# tetrachoric pairs have a cell whose probability cancels to rounding noise at rho = -0.999.
binary_dir <- file.path(root, "engine-binary-wlsmv")
dir.create(binary_dir, recursive = TRUE, showWarnings = FALSE)
set.seed(7)
binary_population <- "f1 =~ 0.8*y1 + 0.7*y2 + 0.6*y3\nf2 =~ 0.7*y4 + 0.6*y5 + 0.8*y6\nf1 ~~ 0.4*f2"
binary <- simulateData(binary_population, sample.nobs = 300, standardized = TRUE)
cuts <- c(y1 = 0.2, y2 = -0.3, y3 = 0.5, y4 = 0, y5 = 0.8, y6 = -0.6)
for (v in names(binary)) binary[[v]] <- as.integer(binary[[v]] > cuts[[v]])
write.csv(binary, file.path(binary_dir, "data.csv"), row.names = FALSE)
binary_model <- "
f1 =~ y1 + y2 + y3
f2 =~ y4 + y5 + y6
"
writeLines(trimws(strsplit(trimws(binary_model), "\n")[[1]]), file.path(binary_dir, "model.lav"))
binary_fit <- cfa(binary_model, data = binary, ordered = TRUE)
pe <- parameterEstimates(binary_fit, standardized = TRUE)
if (is.null(pe$label)) pe$label <- ""
write_table(pe[, c("lhs", "op", "rhs", "label", "est", "se", "std.all")], file.path(binary_dir, "estimates.csv"))
fm <- fitMeasures(binary_fit, c("npar", "chisq", "df", "chisq.scaled", "chisq.scaling.factor", "chisq.shift.parameter", "cfi.scaled",
                                "tli.scaled", "rmsea.scaled", "srmr"))
write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(binary_dir, "fit.csv"))
writeLines(c(paste("lavaan", as.character(packageVersion("lavaan"))), "call cfa(model, data, ordered = TRUE)  # WLSMV",
             paste("converged", lavInspect(binary_fit, "converged"))), file.path(binary_dir, "meta.txt"))

# Nested models compared as lavTestLRT: the three-factor CFA (a) and the same with orthogonal
# factors (b), by ML (with lavaan's RMSEA of the difference), MLR and MLM (Satorra-Bentler 2001
# scaled differences). One CSV per estimator, lavTestLRT's columns.
compare_dir <- file.path(root, "engine-compare")
dir.create(compare_dir, recursive = TRUE, showWarnings = FALSE)
correlated <- "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"
orthogonal <- paste0(correlated, "\nvisual ~~ 0*textual + 0*speed\ntextual ~~ 0*speed")
writeLines(correlated, file.path(compare_dir, "a.lav"))
writeLines(orthogonal, file.path(compare_dir, "b.lav"))
for (estimator in c("ML", "MLR", "MLM")) {
  a <- cfa(correlated, data = hs, estimator = estimator)
  b <- cfa(orthogonal, data = hs, estimator = estimator)
  lrt <- as.data.frame(lavTestLRT(a, b))
  if (is.null(lrt$RMSEA)) lrt$RMSEA <- NA
  out <- data.frame(model = c("a", "b"), df = lrt$Df, aic = lrt$AIC, bic = lrt$BIC, chisq = lrt$Chisq,
                    chisq.diff = lrt[["Chisq diff"]], rmsea = lrt$RMSEA, df.diff = lrt[["Df diff"]], pvalue = lrt[["Pr(>Chisq)"]])
  write_table(out, file.path(compare_dir, paste0(tolower(estimator), ".csv")))
}

# The bootstrap across groups (se = "bootstrap" with group =): each draw resamples every group's
# rows within the group. Holzinger-Swineford by school, equal loadings, 1,000 draws (seed 1);
# TrustPath's draws differ (its own random streams), so tests compare the SEs within Monte Carlo error.
set.seed(1)
boot_groups <- cfa(hs_model, data = hs, group = "school", group.equal = "loadings", se = "bootstrap", bootstrap = 1000L)
boot_dir <- file.path(root, "engine-groups-bootstrap")
dir.create(boot_dir, recursive = TRUE, showWarnings = FALSE)
writeLines(trimws(strsplit(trimws(hs_model), "\n")[[1]]), file.path(boot_dir, "model.lav"))
pe <- parameterEstimates(boot_groups, boot.ci.type = "perc")
if (is.null(pe$label)) pe$label <- ""
write_table(pe[, c("lhs", "op", "rhs", "group", "label", "est", "se", "ci.lower", "ci.upper")], file.path(boot_dir, "estimates.csv"))
fm <- fitMeasures(boot_groups, c("npar", "chisq", "df"))
write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(boot_dir, "fit.csv"))
writeLines(c(paste("lavaan", as.character(packageVersion("lavaan"))),
             "call cfa(model, data, group = \"school\", group.equal = \"loadings\", se = \"bootstrap\", bootstrap = 1000)  # set.seed(1)",
             paste("successful draws", sum(!is.na(lavInspect(boot_groups, "boot")[, 1])))), file.path(boot_dir, "meta.txt"))
