#!/usr/bin/env Rscript
# Reference values for multi-group CFA and measurement invariance, from lavaan 0.6.
# Run from the repository root:  Rscript tools/make-multigroup-fixtures.R
# Holzinger & Swineford (1939) by school (Pasteur = group 1, Grant-White = group 2, the order of
# first appearance): configural, metric (loadings), scalar (+ intercepts), strict (+ residuals),
# and a partial metric model freeing visual =~ x2. Writes, per model,
# Tests/TrustPathSEMTests/Fixtures/multigroup/<name>/{estimates.csv, fit.csv, options.txt}
# (%.17g) and model.lav once; then the two-market structural model (below).
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/multigroup"
data <- read.csv("Surveys/reference/holzinger-swineford-1939.csv")
model <- "visual  =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed   =~ x7 + x8 + x9"
writeLines(model, file.path(out, "model.lav"))
fits <- list(
  configural = list(equal = "", partial = ""),
  metric = list(equal = "loadings", partial = ""),
  scalar = list(equal = c("loadings", "intercepts"), partial = ""),
  strict = list(equal = c("loadings", "intercepts", "residuals"), partial = ""),
  "metric-partial" = list(equal = "loadings", partial = "visual =~ x2")
)
measures <- c("npar", "fmin", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli", "nfi", "logl",
              "unrestricted.logl", "aic", "bic", "ntotal", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.pvalue", "srmr")
for (name in names(fits)) {
  spec <- fits[[name]]
  fit <- cfa(model, data = data, group = "school", group.equal = spec$equal, group.partial = spec$partial)
  dir.create(file.path(out, name), showWarnings = FALSE)
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (!"label" %in% names(pe)) pe$label <- ""
  pe <- pe[pe$op != "==", c("lhs", "op", "rhs", "group", "label", "est", "se", "std.all")]
  lines <- sprintf("%s,%s,%s,%d,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$group, pe$label, pe$est, pe$se, pe$std.all)
  writeLines(c("lhs,op,rhs,group,label,est,se,std.all", lines), file.path(out, name, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, name, "fit.csv"))
  writeLines(c(paste("group.equal:", paste(spec$equal, collapse = ",")), paste("group.partial:", paste(spec$partial, collapse = ",")),
               paste("groups:", paste(lavInspect(fit, "group.label"), collapse = ","))), file.path(out, name, "options.txt"))
  cat(name, ": chisq", values[["chisq"]], "df", values[["df"]], "\n")
}

# Two markets of a structural model: the campaign A/B study's variants (live = group 1, short =
# group 2; the raw responses, no screening), configural and metric, with regressions between the
# latent variables: Fixtures/multigroup/two-market-<level>/ and two-market.lav.
campaign <- read.csv("Surveys/campaign-ab/responses.csv")
structural <- paste(readLines("Surveys/campaign-ab/model.lav"), collapse = "\n")
writeLines(structural, file.path(out, "two-market.lav"))
for (level in c("configural", "metric")) {
  equal <- if (level == "metric") "loadings" else ""
  fit <- sem(structural, data = campaign, group = "variant", group.equal = equal)
  name <- paste0("two-market-", level)
  dir.create(file.path(out, name), showWarnings = FALSE)
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (!"label" %in% names(pe)) pe$label <- ""
  pe <- pe[pe$op != "==", ]
  lines <- sprintf("%s,%s,%s,%d,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$group, pe$label, pe$est, pe$se, pe$std.all)
  writeLines(c("lhs,op,rhs,group,label,est,se,std.all", lines), file.path(out, name, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, name, "fit.csv"))
  cat(name, ": chisq", values[["chisq"]], "df", values[["df"]], "groups", lavInspect(fit, "group.label"), "\n")
}
