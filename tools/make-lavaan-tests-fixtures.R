#!/usr/bin/env Rscript
# The fits of lavaan's own former test suite (inst/tests of lavaan 0.5: testfitov1, testfitov2,
# testfitov3, testfitlv1, testfitlv1x, testfitlv2, testfitlv2x), refitted with lavaan 0.6-14
# (Debian's r-cran-lavaan). Each test simulates its data as lavaan's did (same seeds, rnorm or
# simulateData, 10% missing per variable, binary versions by cut(, 2)); the data are written
# beside the fits, so the tests never need R. `lavaan(model)` for the one-variable models is fitted
# as sem(model): with one variable lavaan's auto rules add nothing else.
# Run from the repository root:  Rscript tools/make-lavaan-tests-fixtures.R
# Writes Tests/TrustPathSEMTests/Fixtures/lavaan-tests/: <test>-<data>.csv data files, cases.csv
# (case, test, model, data, estimator, missing, fixed.x, ordered, polished) and <case>/{estimates,fit}.csv.
suppressPackageStartupMessages(library(lavaan))
source("tools/lavaan-fixture-helpers.R")

out <- "Tests/TrustPathSEMTests/Fixtures/lavaan-tests"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

with_missing <- function(data, per) {
  as.data.frame(lapply(data, function(x) { idx <- sample(seq_along(x), per); x[idx] <- NA; x }))
}
binary <- function(data, names) { for (n in names) data[[n]] <- cut(data[[n]], 2L, labels = FALSE); data }
write_data <- function(data, test, kind) {
  file <- paste0(test, "-", kind, ".csv")
  data[] <- lapply(data, function(x) if (is.numeric(x)) num(x) else x)
  write.csv(data, file.path(out, file), row.names = FALSE, quote = FALSE, na = "")
  file
}

cases <- list()
polished <- list()
fit_case <- function(case, test, model, data, file, estimator = "ML", missing = "listwise", fixed.x = NA, ordered = character(0)) {
  args <- list(model = model, data = data, estimator = estimator, missing = missing)
  if (!is.na(fixed.x)) args$fixed.x <- fixed.x
  if (length(ordered) > 0) args$ordered <- ordered
  # Newton-polished where lavaan allows it (see tools/lavaan-fixture-helpers.R); lavaan's own
  # nlminb solution otherwise (fixed.x covariates, ordered items).
  polish <- tryCatch(do.call("fit_polished", c(list(type = "sem"), args)), error = function(e) NULL)
  fit <- if (is.null(polish)) do.call("sem", args) else polish
  stopifnot(lavInspect(fit, "converged"))
  polished[[case]] <<- !is.null(polish)
  dir.create(file.path(out, case), showWarnings = FALSE)
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (is.null(pe$label)) pe$label <- ""
  write_table(pe[, c("lhs", "op", "rhs", "label", "est", "se", "std.all")], file.path(out, case, "estimates.csv"))
  fm <- fitMeasures(fit)
  write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(out, case, "fit.csv"))
  cases[[length(cases) + 1]] <<- data.frame(
    case = case, test = test, model = gsub("\n", "; ", trimws(model)), data = file, estimator = estimator,
    missing = missing, fixed.x = ifelse(is.na(fixed.x), "default", as.character(fixed.x)),
    ordered = paste(ordered, collapse = " "), polished = !is.null(polish))
}

# testfitov1: one variable.
set.seed(1234)
data <- data.frame(y1 = rnorm(100))
file <- write_data(data, "ov1", "data")
fit_case("ov1-variance", "testfitov1", "y1 ~~ y1", data, file)
fit_case("ov1-mean", "testfitov1", "y1 ~ 1\ny1 ~~ y1", data, file)
missing <- with_missing(data, floor(nrow(data) / 10))
missing_file <- write_data(missing, "ov1", "missing")
fit_case("ov1-listwise", "testfitov1", "y1 ~ 1\ny1 ~~ y1", missing, missing_file, fixed.x = FALSE)
fit_case("ov1-fiml", "testfitov1", "y1 ~ 1\ny1 ~~ y1", missing, missing_file, missing = "ml", fixed.x = FALSE)

# testfitov2 and testfitov3: regressions of observed variables.
regression_tests <- function(test, data, model, ordered_sets) {
  file <- write_data(data, test, "data")
  fit_case(paste0(test, "-fixed"), paste0("testfit", test), model, data, file, fixed.x = TRUE)
  fit_case(paste0(test, "-free"), paste0("testfit", test), model, data, file, fixed.x = FALSE)
  missing <- with_missing(data, floor(nrow(data) / 10))
  missing_file <- write_data(missing, test, "missing")
  fit_case(paste0(test, "-listwise"), paste0("testfit", test), model, missing, missing_file, fixed.x = FALSE)
  fit_case(paste0(test, "-fiml"), paste0("testfit", test), model, missing, missing_file, missing = "ml", fixed.x = FALSE)
  for (ordered in ordered_sets) {
    binary_data <- binary(data, ordered)
    binary_file <- write_data(binary_data, test, paste0("binary-", paste(ordered, collapse = "")))
    fit_case(paste0(test, "-binary-", paste(ordered, collapse = "")), paste0("testfit", test), model, binary_data, binary_file,
             estimator = "WLSMV", ordered = ordered)
  }
}
set.seed(1234)
x1 <- rnorm(100)
y1 <- 0.5 + 2 * x1 + rnorm(100)
regression_tests("ov2", data.frame(y1 = y1, x1 = x1), "y1 ~ x1", list("y1"))
set.seed(1234)
x1 <- rnorm(100)
y1 <- 0.5 + 2 * x1 + rnorm(100)
y2 <- 0.8 + 0.4 * y1 + rnorm(100)
regression_tests("ov3", data.frame(y1 = y1, y2 = y2, x1 = x1), "y2 ~ y1\ny1 ~ x1", list("y1", c("y1", "y2")))

# testfitlv1, 1x, 2, 2x: factor models, with covariates and direct effects in the x versions.
factor_tests <- function(test, population, model, items, per_binary) {
  set.seed(1234)
  data <- simulateData(population, sample.nobs = 100)
  file <- write_data(data, test, "data")
  fit_case(paste0(test, "-ml"), paste0("testfit", test), model, data, file, fixed.x = TRUE)
  missing <- with_missing(data, floor(nrow(data) / 10))
  missing_file <- write_data(missing, test, "missing")
  fit_case(paste0(test, "-listwise"), paste0("testfit", test), model, missing, missing_file, fixed.x = FALSE)
  fit_case(paste0(test, "-fiml"), paste0("testfit", test), model, missing, missing_file, missing = "ml", fixed.x = FALSE)
  binary_data <- binary(data, items)
  binary_file <- write_data(binary_data, test, "binary")
  fit_case(paste0(test, "-binary"), paste0("testfit", test), model, binary_data, binary_file, estimator = "WLSMV", ordered = items)
  seeds <- c(lv1 = 1234, lv2 = 12345, lv2x = 1234)
  if (test %in% names(seeds)) set.seed(seeds[[test]])
  binary_missing <- with_missing(binary_data, floor(nrow(data) / per_binary))
  binary_missing_file <- write_data(binary_missing, test, "binary-missing")
  fit_case(paste0(test, "-binary-listwise"), paste0("testfit", test), model, binary_missing, binary_missing_file,
           estimator = "WLSMV", ordered = items)
  fit_case(paste0(test, "-binary-pairwise"), paste0("testfit", test), model, binary_missing, binary_missing_file,
           estimator = "WLSMV", missing = "pairwise", ordered = items)
}
factor_tests("lv1", "f =~ 0.7*y1 + 0.7*y2 + 0.7*y3 + 0.7*y4 + 0.7*y5", "f =~ y1 + y2 + y3 + y4 + y5", paste0("y", 1:5), 10)
factor_tests("lv2", "f1 =~ 0.7*y1 + 0.7*y2 + 0.5*y3\nf2 =~ 0.6*y4 + 0.6*y5 + 0.5*y6",
             "f1 =~ y1 + y2 + y3\nf2 =~ y4 + y5 + y6", paste0("y", 1:6), 30)
factor_tests("lv1x", "f =~ 0.7*y1 + 0.7*y2 + 0.7*y3 + 0.7*y4 + 0.7*y5\nf ~ (-2.3)*x1 + 0.8*x2\ny1 ~ 0.2*x2\ny3 ~ 0.7*x1",
             "f =~ y1 + y2 + y3 + y4 + y5\nf ~ x1 + x2\ny1 ~ x2\ny3 ~ x1", paste0("y", 1:5), 10)
factor_tests("lv2x",
             "f1 =~ 0.7*y1 + 0.7*y2 + 0.5*y3\nf2 =~ 0.6*y4 + 0.6*y5 + 0.5*y6\nf1 ~ (-0.3)*x1 + 0.8*x2\nf2 ~ 1*x2\ny1 ~ 0.2*x2\ny3 ~ 0.7*x1",
             "f1 =~ y1 + y2 + y3\nf2 =~ y4 + y5 + y6\nf1 ~ x1 + x2\nf2 ~ x2\ny1 ~ x2\ny3 ~ x1", paste0("y", 1:6), 30)

# Beyond lavaan's suite: ordinal outcomes of latent variables and of an ordinal predictor, without
# covariates (WLSMV on the unconditional polychoric correlations).
lv2_binary <- read.csv(file.path(out, "lv2-binary.csv"))
fit_case("lv2-binary-outcome", "extra", "f1 =~ y1 + y2 + y3\nf2 =~ y4 + y5\ny6 ~ f1 + f2", lv2_binary, "lv2-binary.csv",
         estimator = "WLSMV", ordered = paste0("y", 1:6))
fit_case("lv2-binary-chain", "extra", "f1 =~ y1 + y2 + y3\ny4 ~ f1\ny5 ~ y4", lv2_binary, "lv2-binary.csv",
         estimator = "WLSMV", ordered = paste0("y", 1:5))

write_table(do.call(rbind, cases), file.path(out, "cases.csv"))
cat(length(cases), "cases\n")
