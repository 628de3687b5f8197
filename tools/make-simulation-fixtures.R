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
cases <- list(
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
