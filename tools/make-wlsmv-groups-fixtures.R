#!/usr/bin/env Rscript
# Reference values for multi-group WLSMV (ordinal items) and its invariance tests, from lavaan 0.6.
# Run from the repository root:  Rscript tools/make-wlsmv-groups-fixtures.R
# The campaign A/B study's raw responses (7-point items; live = group 1, short = group 2) and its
# structural model, every item ordered, estimator WLSMV (delta parameterization):
#   configural (nothing equal), metric (group.equal = "loadings") and scalar
#   (c("loadings", "thresholds"): the items' scale factors ~*~ and the latent means are then free
#   in group 2) -> Tests/TrustPathSEMTests/Fixtures/wlsmv-groups/<level>/{estimates.csv, fit.csv};
#   lavTestLRT's scaled-shifted Satorra (2000) differences (lavaan's DIFFTEST) -> lrt.csv;
#   a partial scalar model freeing two thresholds (group.partial = c("HA1|t2", "ID3|t1")) ->
#   scalar-partial/, and its DIFFTEST against the metric model -> lrt-partial.csv.
# All values %.17g.
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/wlsmv-groups"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
data <- read.csv("Surveys/campaign-ab/responses.csv")
model <- paste(readLines("Surveys/campaign-ab/model.lav"), collapse = "\n")
writeLines(model, file.path(out, "model.lav"))
items <- grep("^(HA|ID|PT|PI)[0-9]$", names(data), value = TRUE)
measures <- c("npar", "chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled", "chisq.scaling.factor",
              "chisq.shift.parameter", "baseline.chisq", "baseline.df", "baseline.chisq.scaled", "cfi", "tli", "cfi.scaled",
              "tli.scaled", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.scaled", "rmsea.ci.lower.scaled",
              "rmsea.ci.upper.scaled", "srmr", "ntotal")
levels <- list(configural = "", metric = "loadings", scalar = c("loadings", "thresholds"), "scalar-partial" = c("loadings", "thresholds"))
fits <- list()
for (name in names(levels)) {
  partial <- if (name == "scalar-partial") c("HA1|t2", "ID3|t1") else ""
  fit <- sem(model, data = data, ordered = items, group = "variant", group.equal = levels[[name]], group.partial = partial)
  fits[[name]] <- fit
  dir.create(file.path(out, name), showWarnings = FALSE)
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (!"label" %in% names(pe)) pe$label <- ""
  pe <- pe[pe$op != "==", ]
  lines <- sprintf("%s,%s,%s,%d,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$group, pe$label, pe$est, pe$se, pe$std.all)
  writeLines(c("lhs,op,rhs,group,label,est,se,std.all", lines), file.path(out, name, "estimates.csv"))
  values <- fitMeasures(fit, measures)
  writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, name, "fit.csv"))
  cat(name, ": chisq", values[["chisq"]], "scaled", values[["chisq.scaled"]], "df", values[["df"]], "\n")
}
write_lrt <- function(names, file) {
  lrt <- do.call(lavTestLRT, c(unname(fits[names]), list(model.names = names)))
  writeLines(c("level,chisq,df,chisq.diff,df.diff,pvalue",
               sprintf("%s,%.17g,%d,%.17g,%.17g,%.17g", names, lrt$Chisq, as.integer(lrt$Df), lrt$`Chisq diff`, lrt$`Df diff`, lrt$`Pr(>Chisq)`)),
             file.path(out, file))
  print(lrt)
}
write_lrt(c("configural", "metric", "scalar"), "lrt.csv")
write_lrt(c("metric", "scalar-partial"), "lrt-partial.csv")
