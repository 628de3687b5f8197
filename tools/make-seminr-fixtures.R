#!/usr/bin/env Rscript
# Reference values for PLS-SEM from seminr 2.3.1 (Ray, Danks & Calero Valdez), loaded from its
# source without installing it (its plotting dependency, DiagrammeR, is not on Debian):
#   fetch github:sem-in-r/seminr, extract it to a folder, then from the repository root
#   Rscript tools/make-seminr-fixtures.R /path/to/seminr-source
# Every R file of seminr is evaluated with its "seminr::" prefixes removed; the estimation code
# (estimate_pls, simplePLS, path weighting, mode A/B, PLSc, HTMT, rho_A, fSquared, VIFs,
# total effects, predict) runs unchanged. The bootstrap repeats seminr's bootstrap_model draw
# loop serially (set.seed(seed + i); sample.int(n, replace = TRUE)), since its cluster workers
# call the installed package.
# TrustPath's `=~` is seminr's composite(mode A); with --plsc it is seminr's reflective() (PLSc).
# Cases, each in Tests/TrustPathPLSTests/Fixtures/<name>/:
#   mobi-path, mobi-factorial: seminr's documented ECSI mobile phone model, every
#     construct a mode A composite, under its two inner weighting schemes (seminr has no centroid);
#   mobi-formative: the same with Image a mode B composite (<~);
#   mobi-plsc: every construct reflective (seminr applies PLSc);
#   trust-path: the simulated trust data with its six constructs.
# Files (%.17g): model.lav; weights.csv, loadings.csv (construct, indicator, value); paths.csv
# (from, to, value); rsquared.csv (construct, r2, adj_r2); reliability.csv (construct, alpha,
# rhoC, AVE, rhoA); htmt.csv (row, col, value); fsquared.csv (from, to, value); vif-inner.csv
# (from, to, value); vif-items.csv (construct, indicator, value); effects.csv (from, to, total,
# indirect); iterations.csv; and for mobi-path and trust-path bootstrap-paths.csv (from, to,
# original, mean, sd) from 2,000 draws (seed 123) and predict.csv (indicator, pls_rmse, pls_mae)
# from predict_pls(noFolds = 10, reps = 10) after set.seed(123).
src <- commandArgs(trailingOnly = TRUE)[1]
suppressPackageStartupMessages({library(lavaan); library(glue); library(parallel)})
for (f in list.files(file.path(src, "R"), full.names = TRUE)) {
  text <- gsub("seminr::", "", readLines(f, warn = FALSE), fixed = TRUE)
  eval(parse(text = text), envir = globalenv())
}
seminr_info <- function() list(pkgname = "seminr", version = "2.3.1 (source)")
load(file.path(src, "data", "mobi.rda"))
root <- "Tests/TrustPathPLSTests/Fixtures"
fmt <- function(x) sprintf("%.17g", x)

mobi_blocks <- list(Image = paste0("IMAG", 1:5), Expectation = paste0("CUEX", 1:3), Quality = paste0("PERQ", 1:7),
                    Value = paste0("PERV", 1:2), Satisfaction = paste0("CUSA", 1:3), Complaints = "CUSCO",
                    Loyalty = paste0("CUSL", 1:3))
mobi_paths <- list(c("Image", "Expectation"), c("Image", "Satisfaction"), c("Image", "Loyalty"),
                   c("Expectation", "Quality"), c("Expectation", "Value"), c("Expectation", "Satisfaction"),
                   c("Quality", "Value"), c("Quality", "Satisfaction"), c("Value", "Satisfaction"),
                   c("Satisfaction", "Complaints"), c("Satisfaction", "Loyalty"), c("Complaints", "Loyalty"))
trust_blocks <- setNames(lapply(c("HA", "ID", "RR", "SC", "PT", "PI"), function(c) paste0(c, 1:4)), c("HA", "ID", "RR", "SC", "PT", "PI"))
trust_paths <- list(c("HA", "PT"), c("ID", "PT"), c("RR", "PT"), c("SC", "PT"), c("PT", "PI"), c("HA", "PI"))
trust <- read.csv("Surveys/reference/trust-simulated-400.csv")

lav <- function(blocks, paths, modes) {
  measurement <- sapply(names(blocks), function(c) paste(c, if (modes[[c]] == "B") "<~" else "=~", paste(blocks[[c]], collapse = " + ")))
  targets <- unique(sapply(paths, `[`, 2))
  structural <- sapply(targets, function(t) paste(t, "~", paste(sapply(Filter(function(p) p[2] == t, paths), `[`, 1), collapse = " + ")))
  c(measurement, structural)
}

write_case <- function(name, data, blocks, paths, modes, weighting, reflective = FALSE, boot = FALSE) {
  out <- file.path(root, name)
  dir.create(out, showWarnings = FALSE, recursive = TRUE)
  writeLines(lav(blocks, paths, modes), file.path(out, "model.lav"))
  mm <- do.call(constructs, lapply(names(blocks), function(c) {
    if (reflective) reflective(c, blocks[[c]]) else composite(c, blocks[[c]], weights = if (modes[[c]] == "B") mode_B else mode_A)
  }))
  sm <- do.call(relationships, lapply(paths, function(p) paths(from = p[1], to = p[2])))
  model <- estimate_pls(data, mm, sm, inner_weights = weighting)
  s <- summary(model)
  long <- function(m, file) {
    rows <- c()
    for (c in names(blocks)) for (i in blocks[[c]]) rows <- c(rows, sprintf("%s,%s,%s", c, i, fmt(m[i, c])))
    writeLines(c("construct,indicator,value", rows), file.path(out, file))
  }
  long(model$outer_weights, "weights.csv")
  long(model$outer_loadings, "loadings.csv")
  writeLines(c("from,to,value", sapply(paths, function(p) sprintf("%s,%s,%s", p[1], p[2], fmt(model$path_coef[p[1], p[2]])))), file.path(out, "paths.csv"))
  r2 <- model$rSquared
  writeLines(c("construct,r2,adj_r2", sapply(colnames(r2), function(c) sprintf("%s,%s,%s", c, fmt(r2["Rsq", c]), fmt(r2["AdjRsq", c])))), file.path(out, "rsquared.csv"))
  rel <- s$reliability
  writeLines(c("construct,alpha,rhoC,AVE,rhoA", sapply(names(blocks), function(c) sprintf("%s,%s,%s,%s,%s", c, fmt(rel[c, "alpha"]), fmt(rel[c, "rhoC"]), fmt(rel[c, "AVE"]), fmt(rel[c, "rhoA"])))), file.path(out, "reliability.csv"))
  htmt <- HTMT(model)
  rows <- c()
  for (i in rownames(htmt)) for (j in colnames(htmt)) if (!is.na(htmt[i, j])) rows <- c(rows, sprintf("%s,%s,%s", i, j, fmt(htmt[i, j])))
  writeLines(c("row,col,value", rows), file.path(out, "htmt.csv"))
  f2 <- s$fSquare
  writeLines(c("from,to,value", sapply(paths, function(p) sprintf("%s,%s,%s", p[1], p[2], fmt(f2[p[1], p[2]])))), file.path(out, "fsquared.csv"))
  rows <- c()
  for (t in names(s$vif_antecedents)) { v <- s$vif_antecedents[[t]]; for (a in names(v)) rows <- c(rows, sprintf("%s,%s,%s", a, t, fmt(v[[a]]))) }
  writeLines(c("from,to,value", rows), file.path(out, "vif-inner.csv"))
  rows <- c()
  for (c in names(s$validity$vif_items)) { v <- s$validity$vif_items[[c]]; for (i in names(v)) rows <- c(rows, sprintf("%s,%s,%s", c, i, fmt(v[[i]]))) }
  writeLines(c("construct,indicator,value", rows), file.path(out, "vif-items.csv"))
  total <- total_effects(model$path_coef); indirect <- total_indirect_effects(model$path_coef)
  rows <- c()
  for (i in rownames(total)) for (j in colnames(total)) if (total[i, j] != 0) rows <- c(rows, sprintf("%s,%s,%s,%s", i, j, fmt(total[i, j]), fmt(indirect[i, j])))
  writeLines(c("from,to,total,indirect", rows), file.path(out, "effects.csv"))
  writeLines(c("iterations", model$iterations), file.path(out, "iterations.csv"))
  if (boot) {
    seed <- 123; n <- nrow(data)
    draws <- t(sapply(1:2000, function(i) {
      set.seed(seed + i)
      b <- estimate_pls(data[sample.int(n, replace = TRUE), ], mm, sm, inner_weights = weighting)
      sapply(paths, function(p) b$path_coef[p[1], p[2]])
    }))
    writeLines(c("from,to,original,mean,sd", sapply(seq_along(paths), function(k) sprintf("%s,%s,%s,%s,%s", paths[[k]][1], paths[[k]][2],
      fmt(model$path_coef[paths[[k]][1], paths[[k]][2]]), fmt(mean(draws[, k])), fmt(sd(draws[, k]))))), file.path(out, "bootstrap-paths.csv"))
    set.seed(123)
    pred <- summary(predict_pls(model, technique = predict_DA, noFolds = 10, reps = 10))
    oos <- pred$PLS_out_of_sample
    writeLines(c("indicator,pls_rmse,pls_mae", sapply(colnames(oos), function(i) sprintf("%s,%s,%s", i, fmt(oos["RMSE", i]), fmt(oos["MAE", i])))), file.path(out, "predict.csv"))
  }
  cat(name, ": iterations", model$iterations, "\n")
}
modesA <- function(blocks) setNames(as.list(rep("A", length(blocks))), names(blocks))
suppressMessages({
  write_case("mobi-path", mobi, mobi_blocks, mobi_paths, modesA(mobi_blocks), path_weighting, boot = TRUE)
  write_case("mobi-factorial", mobi, mobi_blocks, mobi_paths, modesA(mobi_blocks), path_factorial)
  formative <- modesA(mobi_blocks); formative$Image <- "B"
  write_case("mobi-formative", mobi, mobi_blocks, mobi_paths, formative, path_weighting)
  write_case("mobi-plsc", mobi, mobi_blocks, mobi_paths, modesA(mobi_blocks), path_weighting, reflective = TRUE)
  write_case("trust-path", trust, trust_blocks, trust_paths, modesA(trust_blocks), path_weighting, boot = TRUE)
})
write.csv(mobi, file.path(root, "mobi.csv"), row.names = FALSE, quote = FALSE)
