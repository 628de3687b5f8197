#!/usr/bin/env Rscript
# Population moments of simulation models, from lavaan 0.6's simulateData().
# Run from the repository root:  Rscript tools/make-simulation-fixtures.R
# For each case, simulateData(return.fit = TRUE) builds the population model exactly as it does
# before drawing; fitted() of that fit gives the implied covariance matrix and means of every group,
# which TrustPath's PopulationModel must reproduce (draws themselves cannot match R's RNG).
# Writes Tests/TrustPathSEMTests/Fixtures/simulation/<case>.lav and population.csv
# (case, group, kind = cov|mean, row, column, value; %.17g).
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/simulation"
trust <- "
HA =~ 0.8*HA1 + 0.7*HA2 + 0.75*HA3 + HA4
ID =~ 0.7*ID1 + 0.8*ID2 + 0.65*ID3 + 0.7*ID4
RR =~ 0.75*RR1 + 0.7*RR2 + 0.8*RR3 + 0.6*RR4
SC =~ 0.7*SC1 + 0.75*SC2 + 0.7*SC3 + 0.8*SC4
PT =~ 0.8*PT1 + 0.75*PT2 + 0.8*PT3 + 0.7*PT4
PI =~ 0.85*PI1 + 0.8*PI2 + 0.75*PI3 + 0.7*PI4
HA ~~ 0.3*ID + 0.2*RR
PT ~ a1*HA + 0.25*ID + 0.2*RR + 0.15*SC + 0.1*age
PI ~ 0.5*PT + 0.1*HA
"
groups <- "
HA =~ 0.8*HA1 + 0.7*HA2 + 0.75*HA3
PT =~ 0.8*PT1 + c(0.75, 0.6)*PT2 + 0.8*PT3
PI =~ 0.85*PI1 + 0.8*PI2 + 0.75*PI3
PT ~ c(0.4, 0.2)*HA
PI ~ c(0.6, 0.3)*PT
PT ~ c(0, 0.3)*1
PI ~ c(0, -0.2)*1
HA1 ~ c(4, 4.5)*1
"
# The cross-border-trust population written out in full (residual variances computed here, as in
# tools/make-sem-fixtures.R): what Surveys/cross-border-trust/population.lav must give with
# --standardized-latent, which lavaan has no option for.
constructs <- c("HA", "ID", "RR", "SC", "PT", "PI")
loadings <- list(HA = c(0.80, 0.72, 0.65, 0.78), ID = c(0.70, 0.85, 0.62, 0.75),
                 RR = c(0.68, 0.74, 0.81, 0.60), SC = c(0.77, 0.66, 0.83, 0.71),
                 PT = c(0.84, 0.79, 0.70, 0.64), PI = c(0.73, 0.61, 0.82, 0.76))
exo <- c("HA", "ID", "RR", "SC")
Phi <- matrix(c(1.00, 0.30, 0.25, 0.35, 0.30, 1.00, 0.32, 0.28, 0.25, 0.32, 1.00, 0.30, 0.35, 0.28, 0.30, 1.00), 4, 4,
              dimnames = list(exo, exo))
gam_pt <- c(HA = 0.30, ID = 0.25, RR = 0.20, SC = 0.15)
var_pt_expl <- drop(t(gam_pt) %*% Phi %*% gam_pt)
var_pi_expl <- 0.45^2 + 0.15^2 + 2 * 0.45 * 0.15 * drop(Phi["HA", ] %*% gam_pt)
explicit <- paste(c(
  vapply(constructs, function(f) paste0(f, " =~ ", paste0(sprintf("%.2f", loadings[[f]]), "*", f, 1:4, collapse = " + ")), ""),
  "PT ~ 0.30*HA + 0.25*ID + 0.20*RR + 0.15*SC", "PI ~ 0.45*PT + 0.15*HA", paste0(exo, " ~~ 1*", exo),
  unlist(lapply(1:3, function(i) lapply((i + 1):4, function(j) sprintf("%s ~~ %.2f*%s", exo[i], Phi[i, j], exo[j])))),
  sprintf("PT ~~ %.17g*PT", 1 - var_pt_expl), sprintf("PI ~~ %.17g*PI", 1 - var_pi_expl),
  unlist(lapply(constructs, function(f) sprintf("%s%d ~~ %.17g*%s%d", f, 1:4, 1 - loadings[[f]]^2, f, 1:4)))), collapse = "\n")
file.copy("Surveys/cross-border-trust/population.lav", file.path(out, "cross-border-standardized-latent.lav"), overwrite = TRUE)
cases <- list(
  list(name = "cross-border-explicit", model = explicit, n = 400, standardized = FALSE),
  list(name = "trust-raw", model = trust, n = 500, standardized = FALSE),
  list(name = "trust-standardized", model = trust, n = 500, standardized = TRUE),
  list(name = "two-groups-standardized", model = groups, n = c(200, 250), standardized = TRUE),
  list(name = "two-groups-raw", model = groups, n = c(200, 250), standardized = FALSE)
)
rows <- list()
for (case in cases) {
  writeLines(trimws(case$model), file.path(out, paste0(case$name, ".lav")))
  data <- suppressWarnings(simulateData(case$model, sample.nobs = case$n, standardized = case$standardized,
                                        return.fit = TRUE, seed = 1))
  fit <- attr(data, "fit")
  implied <- fitted(fit)
  if (length(case$n) == 1) implied <- list(implied)
  for (g in seq_along(implied)) {
    cov <- implied[[g]]$cov
    names <- rownames(cov)
    for (i in seq_along(names)) for (j in seq_along(names)) {
      rows[[length(rows) + 1]] <- sprintf("%s,%d,cov,%s,%s,%.17g", case$name, g, names[i], names[j], cov[i, j])
    }
    mean <- implied[[g]]$mean
    if (is.null(mean)) mean <- setNames(rep(0, length(names)), names)
    for (i in seq_along(names)) {
      rows[[length(rows) + 1]] <- sprintf("%s,%d,mean,%s,,%.17g", case$name, g, names[i], mean[names[i]])
    }
  }
  cat(case$name, ": columns ", paste(names(data), collapse = " "), "\n", sep = "")
}
writeLines(c("case,group,kind,row,column,value", unlist(rows)), file.path(out, "population.csv"))
