#!/usr/bin/env Rscript
# Reference values for ordinal SEM: lavaan 0.6's WLSMV (ordered = all items).
# Run from the repository root:  Rscript tools/make-wlsmv-fixtures.R
# Data: Surveys/reference/trust-likert-400.csv (the simulated trust items cut to 7-point Likert by
# make-trust-likert.R; RR4 and PI4 are stored reverse-keyed, so their loadings are negative).
# Cases, each written to Tests/TrustPathSEMTests/Fixtures/wlsmv/<name>/:
#   trust     - the trust SEM (Surveys/reference/trust.lav) with every item ordered;
#   sparse    - a two-factor CFA on HA and PT where HA1 never takes the value 3 (recoded to 2:
#               an empty middle category) and PT1 is collapsed to three categories (<= 3, 4, >= 5).
# Files (%.17g): model.lav, data.csv (sparse only), estimates.csv (lhs, op, rhs, label, est, se,
# std.all for every row of parameterEstimates, thresholds as `|` rows), fit.csv (fitMeasures),
# sample.csv (the sample thresholds and polychoric correlations, lavaan's order, with the diagonal
# of lavaan's Gamma, lavInspect(fit, "gamma")).
# WLSMV = DWLS estimates, robust.sem standard errors, scaled-shifted test, delta parameterization.
suppressPackageStartupMessages(library(lavaan))
root <- "Tests/TrustPathSEMTests/Fixtures/wlsmv"
likert <- read.csv("Surveys/reference/trust-likert-400.csv")
sparse <- likert[, c(paste0("HA", 1:4), paste0("PT", 1:4))]
sparse$HA1[sparse$HA1 == 3] <- 2L
sparse$PT1 <- ifelse(sparse$PT1 <= 3, 1L, ifelse(sparse$PT1 == 4, 2L, 3L))
cases <- list(
  trust = list(model = readLines("Surveys/reference/trust.lav"), data = likert),
  sparse = list(model = c("HA =~ HA1 + HA2 + HA3 + HA4", "PT =~ PT1 + PT2 + PT3 + PT4"), data = sparse)
)
measures <- c("npar", "fmin", "chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled",
              "chisq.scaling.factor", "baseline.chisq", "baseline.df", "baseline.chisq.scaled",
              "baseline.chisq.scaling.factor", "cfi", "tli", "cfi.scaled", "tli.scaled",
              "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.pvalue", "rmsea.scaled",
              "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled", "rmsea.pvalue.scaled", "srmr")
dir.create(root, showWarnings = FALSE)
for (name in names(cases)) {
  case <- cases[[name]]
  out <- file.path(root, name)
  dir.create(out, showWarnings = FALSE)
  writeLines(case$model, file.path(out, "model.lav"))
  if (name != "trust") write.csv(case$data, file.path(out, "data.csv"), row.names = FALSE, quote = FALSE)
  fit <- sem(paste(case$model, collapse = "\n"), data = case$data, ordered = names(case$data))
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (!"label" %in% names(pe)) pe$label <- ""
  lines <- sprintf("%s,%s,%s,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se, pe$std.all)
  writeLines(c("lhs,op,rhs,label,est,se,std.all", lines), file.path(out, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))
  stats <- lavInspect(fit, "sampstat")
  r <- stats$cov
  lower <- which(lower.tri(r), arr.ind = TRUE)
  lower <- lower[order(lower[, 2], lower[, 1]), , drop = FALSE]
  names <- c(names(stats$th), sprintf("%s~~%s", rownames(r)[lower[, 1]], colnames(r)[lower[, 2]]))
  gamma <- diag(lavInspect(fit, "gamma"))
  writeLines(c("statistic,value,gamma", sprintf("%s,%.17g,%.17g", names, c(stats$th, r[lower]), gamma)),
             file.path(out, "sample.csv"))
  cat(name, ": chisq", values[["chisq"]], "scaled", values[["chisq.scaled"]], "\n")
}
