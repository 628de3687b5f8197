#!/usr/bin/env Rscript
# Reference fixtures for PLS-SEM (PLS path modelling, PLSc, bootstrap, PLSpredict) computed with
# seminr's own R code, loaded from its source tree without installing the package.
#
# Usage, from the repository root:
#   (fetch github:sem-in-r/seminr, then)
#   git --git-dir=<mirror> archive HEAD | tar -x -C /tmp/seminr-src
#   Rscript tools/make-pls-fixtures.R /tmp/seminr-src
# Output: Tests/TrustPathPLSTests/Fixtures/ (mobi.csv, CONVENTIONS.md is hand-written, one folder per case).
#
# seminr used: github.com/sem-in-r/seminr, branch master = HEAD of the snapshot,
#   commit ae2524aae5f4f0bda3eb87faf80378af5baccea1 (2022-06-30, "Merge branch 'develop'"),
#   DESCRIPTION Version 2.3.1 (the script stops if the Version field differs).
#   The later branches release_2_3_2 (2.3.2) and develop (2.3.1.9000, 2024) change no estimation,
#   bootstrap or predict code except two lines: total_effects() loops "while (sum(paths) != 0)"
#   instead of "> 0", and a column-naming fix in bootstrap_model(). Neither changes these fixtures
#   (the script checks total_effects against (I - B)^-1 - I and stops if they differ).
#
# How seminr is loaded: every file in <src>/R is evaluated unmodified with sys.source() into one
# environment (seminr_env, child of the global environment). seminr calls its own functions as
# seminr::estimate_pls / seminr::simplePLS (estimate_pls, bootstrap_model, predict_pls); since the
# package is not installed, seminr_env also holds a `::` shim that resolves "seminr::name" to the
# sourced function and forwards every other "pkg::name" to base getExportedValue() (what base `::`
# does). The S3 methods listed in seminr's NAMESPACE are registered with registerS3method(), as
# loading the package would. The only function replaced is seminr_info() (it reads the installed
# package's DESCRIPTION; here it reads <src>/DESCRIPTION) - it is metadata for printing only.
# bootstrap_model() runs as written, on a PSOCK cluster: its worker closure carries seminr_env
# (serialized with it), so the workers run the same sourced code.
# Packages: seminr's plotting code needs DiagrammeR, DiagrammeRsvg, webp and semPlot, which are NOT
# installed; those files are sourced (they only define functions) but never called. Everything used
# here needs only base R, stats, utils, parallel, glue and lavaan (lavaan/glue are referenced by
# seminr code but not exercised by PLS estimation).
#
# Data:
#   mobi: seminr's data/mobi.rda (ECSI mobile phone survey, 250 respondents, 24 items, 1-10 scale,
#     no missing values), written unchanged to Fixtures/mobi.csv (columns and order as in seminr).
#   trust: Surveys/reference/trust-simulated-400.csv (this repository; 400 rows, 24 items
#     HA1-4 ID1-4 RR1-4 SC1-4 PT1-4 PI1-4, no missing values).
#
# Models (measurement as seminr's demo/seminr-pls-ecsi.R; structure as demo and vignette):
#   mobi:  Image =~ IMAG1-5; Expectation =~ CUEX1-3; Quality =~ PERQ1-7; Value =~ PERV1-2;
#          Satisfaction =~ CUSA1-3; Complaints =~ CUSCO (single item); Loyalty =~ CUSL1-3
#          paths(from = "Image",        to = c("Expectation", "Satisfaction", "Loyalty"))
#          paths(from = "Expectation",  to = c("Quality", "Value", "Satisfaction"))
#          paths(from = "Quality",      to = c("Value", "Satisfaction"))
#          paths(from = "Value",        to = "Satisfaction")
#          paths(from = "Satisfaction", to = c("Complaints", "Loyalty"))
#          paths(from = "Complaints",   to = "Loyalty")
#   Cases (all with estimate_pls defaults: mean_replacement, maxIt = 300, stopCriterion = 7):
#     mobi-path       every construct composite() mode A (correlation weights), path_weighting
#     mobi-formative  as mobi-path but Image = composite(..., weights = mode_B)
#     mobi-factorial  as mobi-path, inner_weights = path_factorial
#     mobi-centroid   as mobi-path, inner_weights = centroid. seminr 2.3.1 HAS NO CENTROID SCHEME;
#                     the script passes its own inner-weighting function (path_centroid below:
#                     sign of the construct correlation for adjacent constructs, as Wold/Lohmoeller)
#                     through estimate_pls()'s documented inner_weights argument. Everything else is
#                     seminr's code. This is the only non-seminr estimation code in this script.
#     mobi-plsc       every construct reflective() -> seminr applies PLSc (model_consistent/PLSc),
#                     path_weighting (as demo/seminr-plsc-ecsi.R)
#     trust-path      HA, ID, RR, SC, PT, PI each composite mode A on its 4 items;
#                     paths(from = c("HA","ID","RR","SC"), to = "PT"), paths(from = c("PT","HA"), to = "PI");
#                     path_weighting
#
# Files per case folder (numbers "%.17g", NA where seminr gives NA):
#   model.lav (lavaan-style text of the model: =~ mode A or reflective, <~ mode B)
#   weights.csv (construct,indicator,weight), loadings.csv (construct,indicator,loading),
#   paths.csv (from,to,coefficient), rsquared.csv (construct,r2,adj_r2), fsquared.csv (from,to,f2),
#   scores-head.csv (row, one column per construct: first 10 rows of model$construct_scores),
#   reliability.csv (construct,alpha,rhoC,AVE,rhoA), htmt.csv (row,col,value: lower triangle, as
#   summary()$validity$htmt), fornell-larcker.csv (row,col,value: lower triangle incl. diagonal =
#   sqrt(AVE)), vif-inner.csv (from,to,vif; NA when the outcome has one antecedent),
#   vif-outer.csv (construct,indicator,vif), effects.csv (from,to,total,indirect; pairs with a
#   nonzero total effect), iterations.csv (iterations = model$iterations).
#   Compatibility: Tests/TrustPathPLSTests/PLSAgainstSeminrTests.swift reads a column named "value"
#   and a file
#   vif-items.csv; with legacy_columns = TRUE (below) weights/loadings/paths/fsquared/vif-inner get
#   a trailing duplicate "value" column and vif-items.csv (= vif-outer.csv) is also written.
#
#   mobi-path and trust-path also:
#   bootstrap-paths.csv (from,to,...), bootstrap-loadings.csv / bootstrap-weights.csv
#     (construct,indicator,...), each with original,mean,sd,t,ci_2.5,ci_97.5 taken from
#     summary(bootstrap_model(model, nboot = 5000, seed = 123)), and bootstrap-info.csv
#     (nboot_requested, nboot_used = draws left after dropping failed ones, seed).
#     seminr's bootstrap (R/estimate_bootstrap.R, bootstrap_model):
#       - draw i (i = 1..nboot) calls set.seed(seed + i) and then sample.int(n, replace = TRUE) on the
#         raw data rows, then re-runs estimate_pls with the same measurement/structural model and
#         inner weighting (missing/maxIt/stopCriterion are NOT passed: defaults). Reseeding per draw
#         makes the result independent of the number of cores.
#       - NO sign correction of any kind (no individual or construct-level sign change; loadings,
#         weights and paths of each resample are stored as estimated).
#       - draws whose estimation raises an error OR a warning are dropped (count in bootstrap-info).
#       - "Bootstrap SD" is stats::sd over the draws: divisor R - 1.
#       - "T Stat." = original estimate / bootstrap SD (original, not mean-centred).
#       - CIs are percentile intervals: stats::quantile(draws, c(0.025, 0.975)), default type 7
#         (linear interpolation between order statistics). No bias correction.
#   predict.csv: indicator,pls_rmse,pls_mae,lm_rmse,lm_mae,q2predict_train_mean,q2predict_full_mean
#     from set.seed(123); predict_pls(model, technique = predict_DA (seminr's default), noFolds = 10,
#     reps = 10) and summary() of it (PLS_out_of_sample / LM_out_of_sample rows RMSE and MAE).
#     seminr's PLSpredict (R/feature_plspredict.R):
#       - the ONLY random call: order <- sample(nrow(data), nrow(data), replace = FALSE), once,
#         before the repetition loop (one permutation of the rows, R's Mersenne-Twister with
#         sample.kind "Rejection").
#       - folds: cut(seq(1, n), breaks = noFolds, labels = FALSE) on the permuted rows, i.e.
#         contiguous blocks of the permuted order (n = 250: 10 x 25; n = 400: 10 x 40).
#       - reps: every repetition reuses the SAME permuted data and folds and the estimation is
#         deterministic, so all reps are identical and their average equals one repetition
#         (the script checks this against reps = 1).
#       - per fold: estimate_pls on the training rows (training means/SDs standardize); test items
#         are standardized with the training means/SDs, construct scores = Z W, endogenous
#         constructs predicted from their direct antecedents' scores (DA) as scores %*% path_coef,
#         item predictions = predicted score x loading, unstandardized with training mean/SD.
#       - RMSE = sqrt(mean(e^2)), MAE = mean(|e|) over all n out-of-sample residuals (divisor n);
#         only items of endogenous constructs are reported.
#       - LM benchmark: for each item of an endogenous construct, lm(item ~ all OTHER model items
#         except the items of its own construct) on the training rows (raw data, with intercept),
#         predicting the test rows (note: predictors include items of other endogenous constructs).
#       - seminr 2.3.1 does NOT compute Q2predict. The two Q2predict columns are computed by this
#         script from seminr's out-of-sample residuals: 1 - SSE_PLS / SSE_naive, with the naive
#         prediction = mean of the item in the training folds of that row's fold
#         (q2predict_train_mean, the Shmueli et al. 2019 / SmartPLS definition) or the full-sample
#         mean (q2predict_full_mean). The fold map is reconstructed with the same set.seed(123) and
#         sample() call, and verified by refitting one fold.
#
# Run time (2 cores): about 3-4 minutes, nearly all of it the two 5000-draw bootstraps.

legacy_columns <- TRUE   # see "Compatibility" above

args <- commandArgs(trailingOnly = TRUE)
src <- if (length(args) >= 1) args[1] else "/tmp/seminr-src"
if (!file.exists(file.path(src, "DESCRIPTION")) || !dir.exists(file.path(src, "R")))
  stop("usage: Rscript tools/make-pls-fixtures.R <path to the seminr source tree>")
seminr_version <- read.dcf(file.path(src, "DESCRIPTION"), fields = "Version")[1, 1]
if (seminr_version != "2.3.1") stop("expected seminr 2.3.1 source, found ", seminr_version)
if (!file.exists("Surveys/reference/trust-simulated-400.csv")) stop("run from the repository root")
RNGkind("Mersenne-Twister", "Inversion", "Rejection")
suppressPackageStartupMessages({ library(parallel) })

# ---- load seminr from source ----------------------------------------------------------------
seminr_env <- new.env(parent = globalenv())
assign(".seminr_source_env", seminr_env, envir = seminr_env)
assign("::", function(pkg, name) {
  pkg <- as.character(substitute(pkg))
  name <- as.character(substitute(name))
  if (identical(pkg, "seminr")) get(name, envir = .seminr_source_env, inherits = FALSE)
  else getExportedValue(pkg, name)
}, envir = seminr_env)
environment(seminr_env[["::"]]) <- seminr_env
for (f in sort(list.files(file.path(src, "R"), pattern = "\\.[Rr]$", full.names = TRUE)))
  sys.source(f, envir = seminr_env, keep.source = FALSE)
ns <- parseNamespaceFile(basename(normalizePath(src)), dirname(normalizePath(src)))
for (k in seq_len(nrow(ns$S3methods))) {
  generic <- ns$S3methods[k, 1]; cls <- ns$S3methods[k, 2]
  method <- if (!is.na(ns$S3methods[k, 3])) ns$S3methods[k, 3] else paste(generic, cls, sep = ".")
  registerS3method(generic, cls, get(method, envir = seminr_env), envir = seminr_env)
}
assign("seminr_info", function() list(pkgname = "seminr", version = seminr_version), envir = seminr_env)
S <- function(name) get(name, envir = seminr_env, inherits = FALSE)   # seminr function by name
for (fn in c("constructs", "composite", "reflective", "multi_items", "single_item", "relationships",
             "paths", "mode_A", "mode_B", "path_weighting", "path_factorial", "estimate_pls",
             "bootstrap_model", "predict_pls", "predict_DA", "HTMT", "total_effects",
             "total_indirect_effects"))
  assign(fn, S(fn))

# The centroid scheme seminr lacks (see header): e_ij = sign(cor(Y_i, Y_j)) for adjacent i, j.
path_centroid <- function(smMatrix, construct_scores, dependant, paths_matrix) {
  sign(stats::cor(construct_scores, construct_scores)) * (paths_matrix + t(paths_matrix))
}

# ---- data --------------------------------------------------------------------------------------
root <- "Tests/TrustPathPLSTests/Fixtures"
dir.create(root, showWarnings = FALSE, recursive = TRUE)
data_env <- new.env()
load(file.path(src, "data", "mobi.rda"), envir = data_env)
mobi <- data_env$mobi
trust <- read.csv("Surveys/reference/trust-simulated-400.csv")
stopifnot(nrow(mobi) == 250, ncol(mobi) == 24, !anyNA(mobi), nrow(trust) == 400, ncol(trust) == 24, !anyNA(trust))

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
write_rows <- function(path, header, columns) {
  cols <- lapply(columns, function(x) if (is.numeric(x)) fmt(x) else as.character(x))
  lines <- if (length(cols[[1]]) == 0) character(0) else do.call(paste, c(cols, sep = ","))
  writeLines(c(paste(header, collapse = ","), lines), path)
}
write_rows(file.path(root, "mobi.csv"), colnames(mobi), as.list(mobi))

# ---- models ------------------------------------------------------------------------------------
mobi_blocks <- list(Image = multi_items("IMAG", 1:5), Expectation = multi_items("CUEX", 1:3),
                    Quality = multi_items("PERQ", 1:7), Value = multi_items("PERV", 1:2),
                    Satisfaction = multi_items("CUSA", 1:3), Complaints = single_item("CUSCO"),
                    Loyalty = multi_items("CUSL", 1:3))
mobi_sm <- relationships(
  paths(from = "Image",        to = c("Expectation", "Satisfaction", "Loyalty")),
  paths(from = "Expectation",  to = c("Quality", "Value", "Satisfaction")),
  paths(from = "Quality",      to = c("Value", "Satisfaction")),
  paths(from = "Value",        to = c("Satisfaction")),
  paths(from = "Satisfaction", to = c("Complaints", "Loyalty")),
  paths(from = "Complaints",   to = "Loyalty")
)
trust_blocks <- list(HA = multi_items("HA", 1:4), ID = multi_items("ID", 1:4), RR = multi_items("RR", 1:4),
                     SC = multi_items("SC", 1:4), PT = multi_items("PT", 1:4), PI = multi_items("PI", 1:4))
trust_sm <- relationships(
  paths(from = c("HA", "ID", "RR", "SC"), to = "PT"),
  paths(from = c("PT", "HA"), to = "PI")
)

# kind: "A" composite mode A, "B" composite mode B, "C" reflective (PLSc)
measurement <- function(blocks, kinds) {
  do.call(constructs, lapply(names(blocks), function(c) switch(kinds[[c]],
    A = composite(c, blocks[[c]]),
    B = composite(c, blocks[[c]], weights = mode_B),
    C = reflective(c, blocks[[c]]))))
}
lav_text <- function(blocks, kinds, sm) {
  mm <- sapply(names(blocks), function(c) paste(c, if (kinds[[c]] == "B") "<~" else "=~", paste(blocks[[c]], collapse = " + ")))
  targets <- unique(sm[, "target"])
  st <- sapply(targets, function(t) paste(t, "~", paste(sm[sm[, "target"] == t, "source"], collapse = " + ")))
  c(mm, st)
}

# ---- one case ----------------------------------------------------------------------------------
run_case <- function(name, data, blocks, kinds, sm, inner, extras = FALSE) {
  t0 <- Sys.time()
  out <- file.path(root, name)
  dir.create(out, showWarnings = FALSE, recursive = TRUE)
  writeLines(lav_text(blocks, kinds, sm), file.path(out, "model.lav"))
  mm <- measurement(blocks, kinds)
  model <- suppressMessages(estimate_pls(data = data, measurement_model = mm, structural_model = sm, inner_weights = inner))
  s <- suppressMessages(summary(model))
  cons <- model$constructs
  items <- unlist(blocks, use.names = FALSE)
  owner <- rep(names(blocks), lengths(blocks))
  from <- sm[, "source"]; to <- sm[, "target"]
  legacy <- function(header, columns, value) if (legacy_columns) list(c(header, "value"), c(columns, list(value))) else list(header, columns)
  put <- function(file, header, columns, value) { l <- legacy(header, columns, value); write_rows(file.path(out, file), l[[1]], l[[2]]) }

  w <- model$outer_weights[cbind(items, owner)]
  put("weights.csv", c("construct", "indicator", "weight"), list(owner, items, w), w)
  l <- model$outer_loadings[cbind(items, owner)]
  put("loadings.csv", c("construct", "indicator", "loading"), list(owner, items, l), l)
  b <- model$path_coef[cbind(from, to)]
  put("paths.csv", c("from", "to", "coefficient"), list(from, to, b), b)
  r2 <- model$rSquared
  write_rows(file.path(out, "rsquared.csv"), c("construct", "r2", "adj_r2"), list(colnames(r2), r2["Rsq", ], r2["AdjRsq", ]))
  f2 <- s$fSquare[cbind(from, to)]
  put("fsquared.csv", c("from", "to", "f2"), list(from, to, f2), f2)
  sc <- model$construct_scores[1:10, cons, drop = FALSE]
  write_rows(file.path(out, "scores-head.csv"), c("row", cons), c(list(1:10), lapply(cons, function(c) sc[, c])))
  rel <- s$reliability
  write_rows(file.path(out, "reliability.csv"), c("construct", "alpha", "rhoC", "AVE", "rhoA"),
             list(cons, rel[cons, "alpha"], rel[cons, "rhoC"], rel[cons, "AVE"], rel[cons, "rhoA"]))
  ht <- s$validity$htmt                # seminr's summary: t(HTMT(model)), the lower triangle
  idx <- which(lower.tri(ht), arr.ind = TRUE); idx <- idx[order(idx[, 2], idx[, 1]), , drop = FALSE]
  write_rows(file.path(out, "htmt.csv"), c("row", "col", "value"), list(rownames(ht)[idx[, 1]], colnames(ht)[idx[, 2]], ht[idx]))
  fl <- s$validity$fl_criteria
  idx <- which(lower.tri(fl, diag = TRUE), arr.ind = TRUE); idx <- idx[order(idx[, 2], idx[, 1]), , drop = FALSE]
  write_rows(file.path(out, "fornell-larcker.csv"), c("row", "col", "value"), list(rownames(fl)[idx[, 1]], colnames(fl)[idx[, 2]], fl[idx]))
  va <- s$vif_antecedents
  vin <- mapply(function(f, t) unname(va[[t]][f]), from, to)
  put("vif-inner.csv", c("from", "to", "vif"), list(from, to, vin), vin)
  vi <- s$validity$vif_items            # a list, or a matrix when every block has the same size
  vout <- mapply(function(i, c) {
    v <- if (is.matrix(vi)) vi[, c] else vi[[c]]
    unname(v[match(i, blocks[[c]])])     # seminr's order is the block's item order
  }, items, owner)
  write_rows(file.path(out, "vif-outer.csv"), c("construct", "indicator", "vif"), list(owner, items, vout))
  if (legacy_columns) write_rows(file.path(out, "vif-items.csv"), c("construct", "indicator", "value"), list(owner, items, vout))
  total <- total_effects(model$path_coef); indirect <- total_indirect_effects(model$path_coef)
  B <- model$path_coef[cons, cons]
  exact <- solve(diag(length(cons)) - B) - diag(length(cons))
  if (max(abs(exact - total[cons, cons])) > 1e-12) stop(name, ": seminr's total_effects() differs from (I - B)^-1 - I")
  idx <- which(total != 0, arr.ind = TRUE); idx <- idx[order(idx[, 1], idx[, 2]), , drop = FALSE]
  write_rows(file.path(out, "effects.csv"), c("from", "to", "total", "indirect"),
             list(rownames(total)[idx[, 1]], colnames(total)[idx[, 2]], total[idx], indirect[idx]))
  write_rows(file.path(out, "iterations.csv"), "iterations", list(model$iterations))

  if (extras) {
    # -- bootstrap (seminr's bootstrap_model, unchanged) --
    nboot <- 5000; seed <- 123
    cores <- max(1L, min(8L, parallel::detectCores()))
    tb <- Sys.time()
    boot <- suppressMessages(bootstrap_model(seminr_model = model, nboot = nboot, cores = cores, seed = seed))
    if (is.null(boot)) stop(name, ": bootstrap_model failed")
    bs <- summary(boot)
    split_rows <- function(m) do.call(rbind, strsplit(rownames(m), "  ->  ", fixed = TRUE))
    stat_cols <- function(m) list(m[, 1], m[, 2], m[, 3], m[, 4], m[, 5], m[, 6])
    stat_header <- c("original", "mean", "sd", "t", "ci_2.5", "ci_97.5")
    stopifnot(identical(colnames(bs$bootstrapped_paths)[5:6], c("2.5% CI", "97.5% CI")))
    p <- bs$bootstrapped_paths; ft <- split_rows(p)
    ord <- match(paste(from, to), paste(ft[, 1], ft[, 2])); stopifnot(!anyNA(ord))
    write_rows(file.path(out, "bootstrap-paths.csv"), c("from", "to", stat_header), c(list(from, to), stat_cols(p[ord, , drop = FALSE])))
    for (what in c("loadings", "weights")) {
      m <- bs[[paste0("bootstrapped_", what)]]; ic <- split_rows(m)   # rows "item  ->  construct"
      ord <- match(paste(items, owner), paste(ic[, 1], ic[, 2])); stopifnot(!anyNA(ord))
      write_rows(file.path(out, paste0("bootstrap-", what, ".csv")), c("construct", "indicator", stat_header),
                 c(list(owner, items), stat_cols(m[ord, , drop = FALSE])))
    }
    # (no core count or timing here, so the fixture is byte-for-byte reproducible; cores do not change results)
    write_rows(file.path(out, "bootstrap-info.csv"), c("nboot_requested", "nboot_used", "seed"), list(nboot, boot$boots, seed))
    cat(sprintf("%-15s bootstrap %d draws on %d cores: %.0f s\n", name, boot$boots, cores, as.numeric(difftime(Sys.time(), tb, units = "secs"))))

    # -- PLSpredict (seminr's predict_pls, unchanged) --
    set.seed(123)
    pred <- suppressMessages(predict_pls(model, technique = predict_DA, noFolds = 10, reps = 10))
    ps <- summary(pred)
    set.seed(123)
    pred1 <- suppressMessages(predict_pls(model, technique = predict_DA, noFolds = 10, reps = 1))
    if (max(abs(pred1$PLS_out_of_sample - pred$PLS_out_of_sample)) > 1e-12) stop(name, ": reps are not identical")
    # reconstruct the fold map exactly as predict_pls draws it
    n <- nrow(model$data)
    set.seed(123)
    perm <- sample(n, n, replace = FALSE)
    folds <- cut(seq(1, n), breaks = 10, labels = FALSE)
    fold_of_row <- integer(n); fold_of_row[perm] <- folds
    # verify: refit fold 1 and compare the out-of-sample predictions seminr returned
    test <- which(fold_of_row == 1)
    fit1 <- suppressMessages(estimate_pls(data = model$data[-test, ], measurement_model = model$measurement_model,
                                          structural_model = model$smMatrix, inner_weights = inner))
    chk <- stats::predict(fit1, testData = model$data[test, ], technique = predict_DA)$predicted_items
    endo_items <- colnames(pred$PLS_out_of_sample)
    if (max(abs(chk[, endo_items] - pred$PLS_out_of_sample[test, endo_items])) > 1e-9) stop(name, ": fold map not reproduced")
    actual <- as.matrix(model$data[, endo_items])
    resid <- as.matrix(pred$PLS_out_of_sample_residuals)
    train_mean <- sapply(endo_items, function(i) sapply(1:n, function(r) mean(actual[fold_of_row != fold_of_row[r], i])))
    q2_train <- 1 - colSums(resid^2) / colSums((actual - train_mean)^2)
    q2_full <- 1 - colSums(resid^2) / colSums(sweep(actual, 2, colMeans(actual))^2)
    po <- ps$PLS_out_of_sample; lo <- ps$LM_out_of_sample
    write_rows(file.path(out, "predict.csv"),
               c("indicator", "pls_rmse", "pls_mae", "lm_rmse", "lm_mae", "q2predict_train_mean", "q2predict_full_mean"),
               list(endo_items, po["RMSE", endo_items], po["MAE", endo_items], lo["RMSE", endo_items], lo["MAE", endo_items],
                    q2_train[endo_items], q2_full[endo_items]))
  }
  cat(sprintf("%-15s iterations %3d  %5.1f s\n", name, model$iterations, as.numeric(difftime(Sys.time(), t0, units = "secs"))))
  invisible(model)
}

kinds <- function(blocks, kind, overrides = list()) modifyList(setNames(as.list(rep(kind, length(blocks))), names(blocks)), overrides)
t_all <- Sys.time()
run_case("mobi-path",      mobi,  mobi_blocks,  kinds(mobi_blocks, "A"), mobi_sm, path_weighting, extras = TRUE)
run_case("mobi-formative", mobi,  mobi_blocks,  kinds(mobi_blocks, "A", list(Image = "B")), mobi_sm, path_weighting)
run_case("mobi-factorial", mobi,  mobi_blocks,  kinds(mobi_blocks, "A"), mobi_sm, path_factorial)
run_case("mobi-centroid",  mobi,  mobi_blocks,  kinds(mobi_blocks, "A"), mobi_sm, path_centroid)
run_case("mobi-plsc",      mobi,  mobi_blocks,  kinds(mobi_blocks, "C"), mobi_sm, path_weighting)
run_case("trust-path",     trust, trust_blocks, kinds(trust_blocks, "A"), trust_sm, path_weighting, extras = TRUE)
cat(sprintf("seminr %s from %s; total %.0f s\n", seminr_version, src, as.numeric(difftime(Sys.time(), t_all, units = "secs"))))
