#!/usr/bin/env Rscript
# Reference values for the SEM engine (CFA / SEM by ML), from R's lavaan 0.6.
# Run from the repository root:  Rscript tools/make-sem-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/<model>/{model.lav, estimates.csv, fit.csv, modindices.csv,
# residuals.csv, partable.csv, implied.csv, meta.txt} for five models (committed; the tests never
# need R), plus the data files Surveys/reference/political-democracy.csv (copied from the shared
# data folder when missing) and Surveys/reference/trust-simulated-400.csv (simulated here).
#
# Convergence. Every model is fitted to a max-abs gradient far below 1e-8, like this:
#   1. lavaan's own nlminb fit with its default tolerances (rel.tol = 1e-10, iter.max = 10000).
#      Tighter settings do not work in lavaan 0.6.14: control = list(rel.tol = 1e-14 (or 1e-13,
#      1e-12), abs.tol = 1e-20, iter.max = 10000) makes nlminb stop with "singular convergence (7)"
#      at a *worse* point (HS CFA: gradient 5.9e-7 after 32 iterations), lavaan flags the fit as
#      not converged and fitMeasures() refuses to run. Refitting with `start = fit` stalls too
#      (HS CFA: gradient 3.4e-7 -> 1.9e-7 -> 3.7e-7, then fixed), because nlminb restarts its
#      quasi-Newton approximation and the relative-function test stops it after one step.
#   2. Newton polish outside the optimizer: x <- x - K (K'HK)^-1 K'g, where g is
#      lavInspect(fit, "gradient"), H is lavInspect(fit, "hessian") (the Hessian of lavaan's
#      objective, 5-point differences of its analytic gradient) and K is lavaan's
#      equality-constraint matrix (identity when the model has no equality constraints). Each
#      step's point is handed back to lavaan as `start = <partable with est replaced>` with
#      `optim.method = "none"`, so lavaan itself evaluates everything (SEs, test, fit measures,
#      standardized solution, modification indices) at the polished point. Two steps reach
#      ~1e-15; the loop stops once the projected gradient is below 1e-14 (at most 6 steps).
#   With equality constraints (poldem-sem: labels a, b, c), lavInspect(fit, "gradient") is over
#   all free parameters including each copy of a constrained one; at the constrained optimum the
#   copies' gradients are equal and opposite (Lagrange) and not zero (~0.1 for poldem-sem). The
#   criterion is therefore the projected gradient K'g; meta.txt lists both.
#   The polish moves estimates by < 1e-6 and chi-square by < 1e-9 (HS CFA) from lavaan's own fit.
#
# Facts about lavaan 0.6.14 that the fixtures carry (see the values):
#   - pvalue in parameterEstimates is 2 * (1 - pnorm(|z|)), so it is exactly 0 for |z| > ~8.3 and
#     quantized near 1e-15; compare p-values with an absolute tolerance.
#   - information = "observed" uses lavInspect(fit, "hessian"): 5-point central differences
#     (h = 1e-6) of the analytic gradient, not an analytic Hessian.
#   - modindices() drops rows whose conditional variance is < .Machine$double.eps^(1/3) (their mi
#     is NA): e.g. the marker loadings in the HS CFA, but not in poldem-sem, where the equality
#     constraints identify them. Its row order is lavaan's internal one; match rows by lhs/op/rhs.
#   - partable.csv `start` is lavaan's default start (from the unpolished fit), not the polished one.
suppressPackageStartupMessages(library(lavaan))

root <- "Tests/TrustPathSEMTests/Fixtures"
dir.create(root, recursive = TRUE, showWarnings = FALSE)

source("tools/lavaan-fixture-helpers.R")

# ---- 1-3. Holzinger-Swineford CFA ------------------------------------------------------------
hs_file <- "Surveys/reference/holzinger-swineford-1939.csv"
hs <- read.csv(hs_file)
hs_model <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9
"
write_fixtures("hs-cfa", fit_polished("cfa", hs_model, hs), hs_model,
               "cfa(model, data)  # ML, expected information", hs_file)
write_fixtures("hs-cfa-stdlv", fit_polished("cfa", hs_model, hs, std.lv = TRUE), hs_model,
               "cfa(model, data, std.lv = TRUE)", hs_file)
write_fixtures("hs-cfa-observed", fit_polished("cfa", hs_model, hs, information = "observed"), hs_model,
               "cfa(model, data, information = \"observed\")", hs_file)

# ---- 3b. HS with explicit linear equality constraints ------------------------------------------
hs_constraint_model <- "
visual =~ x1 + v2*x2 + v3*x3
textual =~ x4 + t5*x5 + t6*x6
speed =~ x7 + x8 + x9
v3 == v2 + 0.2
t5 == t6
"
write_fixtures("hs-constraint", fit_polished("cfa", hs_constraint_model, hs), hs_constraint_model,
               "cfa(model, data)  # explicit == constraints", hs_file)

# ---- 3c. HS with observed covariates (fixed.x) and a mean structure ----------------------------
hs_covariate_model <- "
visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
visual ~ ageyr + sex
textual ~ ageyr
"
write_fixtures("hs-covariates-means", fit_bfgs("sem", hs_covariate_model, hs, meanstructure = TRUE), hs_covariate_model,
               "sem(model, data, meanstructure = TRUE, optim.method = \"BFGS\")  # fixed.x covariates", hs_file)

# ---- 4. Political Democracy SEM ---------------------------------------------------------------
pd_file <- "Surveys/reference/political-democracy.csv"
if (!file.exists(pd_file)) stopifnot(file.copy("/work/shared/data/political-democracy.csv", pd_file))
pd <- read.csv(pd_file)
pd_model <- "
ind60 =~ x1 + x2 + x3
dem60 =~ y1 + a*y2 + b*y3 + c*y4
dem65 =~ y5 + a*y6 + b*y7 + c*y8
dem60 ~ ind60
dem65 ~ ind60 + dem60
y1 ~~ y5
y2 ~~ y4 + y6
y3 ~~ y7
y4 ~~ y8
y6 ~~ y8
"
write_fixtures("poldem-sem", fit_polished("sem", pd_model, pd), pd_model, "sem(model, data)", pd_file)

# ---- 5. Simulated six-construct trust model ----------------------------------------------------
# Population: standardized metric (factor and item variances 1). Loadings in [0.60, 0.85];
# exogenous factor correlations 0.25-0.35; residual variances chosen so every variance is 1.
constructs <- c("HA", "ID", "RR", "SC", "PT", "PI")
loadings <- list(HA = c(0.80, 0.72, 0.65, 0.78), ID = c(0.70, 0.85, 0.62, 0.75),
                 RR = c(0.68, 0.74, 0.81, 0.60), SC = c(0.77, 0.66, 0.83, 0.71),
                 PT = c(0.84, 0.79, 0.70, 0.64), PI = c(0.73, 0.61, 0.82, 0.76))
exo <- c("HA", "ID", "RR", "SC")
Phi <- matrix(c(1.00, 0.30, 0.25, 0.35,
                0.30, 1.00, 0.32, 0.28,
                0.25, 0.32, 1.00, 0.30,
                0.35, 0.28, 0.30, 1.00), 4, 4, dimnames = list(exo, exo))
gam_pt <- c(HA = 0.30, ID = 0.25, RR = 0.20, SC = 0.15)
var_pt_expl <- drop(t(gam_pt) %*% Phi %*% gam_pt)
cov_pt_ha <- drop(Phi["HA", ] %*% gam_pt)
var_pi_expl <- 0.45^2 * 1 + 0.15^2 * 1 + 2 * 0.45 * 0.15 * cov_pt_ha
pop <- c(
  vapply(constructs, function(f) paste0(f, " =~ ", paste0(sprintf("%.2f", loadings[[f]]), "*", f, 1:4, collapse = " + ")), ""),
  "PT ~ 0.30*HA + 0.25*ID + 0.20*RR + 0.15*SC",
  "PI ~ 0.45*PT + 0.15*HA",
  paste0(exo, " ~~ 1*", exo),
  unlist(lapply(1:3, function(i) lapply((i + 1):4, function(j) sprintf("%s ~~ %.2f*%s", exo[i], Phi[i, j], exo[j])))),
  sprintf("PT ~~ %.17g*PT", 1 - var_pt_expl),
  sprintf("PI ~~ %.17g*PI", 1 - var_pi_expl),
  unlist(lapply(constructs, function(f) sprintf("%s%d ~~ %.4f*%s%d", f, 1:4, 1 - loadings[[f]]^2, f, 1:4)))
)
set.seed(20261125)
sim <- simulateData(paste(pop, collapse = "\n"), sample.nobs = 400L)
items <- as.vector(t(outer(constructs, 1:4, paste0)))
sim <- sim[, items]
trust_file <- "Surveys/reference/trust-simulated-400.csv"
sim_txt <- as.data.frame(lapply(sim, function(v) sprintf("%.6f", round(v, 6))))
write.csv(sim_txt, trust_file, row.names = FALSE, quote = FALSE)
trust <- read.csv(trust_file)
trust_model <- "
HA =~ HA1 + HA2 + HA3 + HA4
ID =~ ID1 + ID2 + ID3 + ID4
RR =~ RR1 + RR2 + RR3 + RR4
SC =~ SC1 + SC2 + SC3 + SC4
PT =~ PT1 + PT2 + PT3 + PT4
PI =~ PI1 + PI2 + PI3 + PI4
PT ~ a1*HA + a2*ID + a3*RR + a4*SC
PI ~ b*PT + c*HA
ind_HA := a1*b
ind_ID := a2*b
ind_RR := a3*b
ind_SC := a4*b
total_HA := c + a1*b
"
write_fixtures("trust-sem", fit_polished("sem", trust_model, trust), trust_model, "sem(model, data)", trust_file)
writeLines(pop, file.path(root, "trust-sem", "population.lav"))

cat("wrote", root, "\n")
