# Helpers shared by the lavaan fixture scripts (tools/make-sem-fixtures.R, tools/make-engine-fixtures.R):
# CSV writing at full precision, the Newton-polished and BFGS fits, and write_fixtures(), which writes
# estimates, standardized solution, fit measures, modification indices, residuals, partable, implied
# covariances and meta.txt for one model into <root>/<name>/. The caller sets 'root' before sourcing.
# The convergence notes at the top of tools/make-sem-fixtures.R explain fit_polished and fit_bfgs.
suppressPackageStartupMessages(library(lavaan))

num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", as.numeric(x)))
csv_field <- function(x) {
  x <- ifelse(is.na(x), "NA", as.character(x))
  need <- grepl("[\",\n]", x)
  x[need] <- paste0("\"", gsub("\"", "\"\"", x[need]), "\"")
  x
}
write_table <- function(df, path) {
  df[] <- lapply(df, function(col) if (is.numeric(col)) num(col) else csv_field(col))
  lines <- c(paste(names(df), collapse = ","), do.call(paste, c(unname(as.list(df)), sep = ",")))
  if (nrow(df) == 0) lines <- lines[1]
  writeLines(lines, path)
}
lower_long <- function(m) {
  m <- unclass(m)
  nm <- rownames(m)
  rows <- list()
  for (i in seq_along(nm)) for (j in seq_len(i)) rows[[length(rows) + 1]] <- data.frame(row = nm[i], col = nm[j], value = m[i, j])
  do.call(rbind, rows)
}

# Projected gradient K'g (K = equality-constraint matrix; identity without constraints).
eq_K <- function(fit) {
  M <- fit@Model
  if (M@eq.constraints) M@eq.constraints.K else diag(M@nx.free)
}

# cfa()/sem() must be called by name: they record as.character(match.call()[[1]]) as
# model.type, so calling them through a variable `fun` would fit with model.type = "fun".
fit_call <- function(type, model, data, ...) {
  switch(type, cfa = cfa(model, data = data, ...), sem = sem(model, data = data, ...))
}

# Fit with lavaan's nlminb, then Newton-polish as described at the top.
fit_polished <- function(type, model, data, ...) {
  fit0 <- fit_call(type, model, data, ..., control = list(iter.max = 10000L))
  stopifnot(lavInspect(fit0, "converged"))
  K <- eq_K(fit0)
  fit <- fit0
  steps <- 0L
  repeat {
    g <- as.numeric(lavInspect(fit, "gradient"))
    if (max(abs(crossprod(K, g))) < 1e-14 || steps >= 6L) break
    H <- unclass(lavInspect(fit, "hessian"))
    pt <- parTable(fit)
    free <- pt$free > 0
    x <- pt$est[free][order(pt$free[free])]
    x <- x - as.numeric(K %*% solve(t(K) %*% H %*% K, crossprod(K, g)))
    pt$est[free] <- x[pt$free[free]]
    fit <- fit_call(type, model, data, ..., start = pt, optim.method = "none")
    steps <- steps + 1L
  }
  g0 <- as.numeric(lavInspect(fit0, "gradient"))
  g <- as.numeric(lavInspect(fit, "gradient"))
  # The polished fit's partable `start` column holds the polished values it was started from;
  # partable.csv reports lavaan's own default starting values instead (those of the nlminb fit).
  pt0 <- parTable(fit0)
  stopifnot(identical(pt0[, c("id", "lhs", "op", "rhs", "free")], parTable(fit)[, c("id", "lhs", "op", "rhs", "free")]))
  attr(fit, "start0") <- pt0$start
  attr(fit, "polish") <- list(
    nlminb.converged = lavInspect(fit0, "converged"), nlminb.iterations = fit0@optim$iterations,
    nlminb.grad = max(abs(g0)), nlminb.grad.projected = max(abs(crossprod(K, g0))),
    nlminb.chisq = unname(fitMeasures(fit0, "chisq")),
    steps = steps, grad = max(abs(g)), grad.projected = max(abs(crossprod(K, g))),
    eq.constraints = fit@Model@eq.constraints)
  stopifnot(attr(fit, "polish")$grad.projected < 1e-8, lavInspect(fit, "converged"))
  fit
}

# Models with fixed.x covariates cannot be Newton-polished by refitting with `start =`: lavaan
# 0.6-14 then frees the covariates' (co)variances and means. They are fitted by optim's BFGS with
# a tight reltol instead (max gradient about 2e-8), and recorded as 0 Newton steps.
fit_bfgs <- function(type, model, data, ...) {
  fit <- switch(type, cfa = cfa(model, data = data, ..., optim.method = "BFGS", control = list(reltol = 1e-16, maxit = 100000L)),
                sem = sem(model, data = data, ..., optim.method = "BFGS", control = list(reltol = 1e-16, maxit = 100000L)))
  stopifnot(lavInspect(fit, "converged"))
  g <- max(abs(as.numeric(lavInspect(fit, "gradient"))))
  stopifnot(g < 1e-7)
  attr(fit, "start0") <- parTable(fit)$start
  attr(fit, "polish") <- list(nlminb.converged = NA, nlminb.iterations = NA, nlminb.grad = NA, nlminb.grad.projected = NA,
                              nlminb.chisq = NA, steps = 0L, grad = g, grad.projected = g, eq.constraints = fit@Model@eq.constraints)
  fit
}

write_fixtures <- function(name, fit, model, call, data_file) {
  out <- file.path(root, name)
  dir.create(out, recursive = TRUE, showWarnings = FALSE)
  writeLines(trimws(strsplit(trimws(model), "\n")[[1]]), file.path(out, "model.lav"))

  pe <- parameterEstimates(fit, standardized = TRUE)
  if (is.null(pe$group)) pe$group <- 1L
  if (is.null(pe$label)) pe$label <- ""
  write_table(pe[, c("lhs", "op", "rhs", "group", "label", "est", "se", "z", "pvalue",
                     "ci.lower", "ci.upper", "std.lv", "std.all")], file.path(out, "estimates.csv"))

  ss <- standardizedSolution(fit, type = "std.all")
  if (is.null(ss$group)) ss$group <- 1L
  write_table(ss[, c("lhs", "op", "rhs", "group", "est.std", "se", "z", "pvalue")], file.path(out, "standardized.csv"))

  fm <- fitMeasures(fit)
  write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(out, "fit.csv"))

  mi <- modindices(fit)
  if (is.null(mi$group)) mi$group <- rep(1L, nrow(mi))
  write_table(as.data.frame(mi)[, c("lhs", "op", "rhs", "group", "mi", "epc", "sepc.lv", "sepc.all")],
              file.path(out, "modindices.csv"))

  res <- rbind(cbind(type = "raw", lower_long(lavResiduals(fit, type = "raw", summary = FALSE, zstat = FALSE)$cov)),
               cbind(type = "cor.bentler", lower_long(lavResiduals(fit, type = "cor.bentler", summary = FALSE, zstat = FALSE)$cov)),
               cbind(type = "cor.bollen", lower_long(lavResiduals(fit, type = "cor.bollen", summary = FALSE, zstat = FALSE)$cov)))
  write_table(res, file.path(out, "residuals.csv"))

  pt <- parTable(fit)
  pt$start <- attr(fit, "start0")  # lavaan's default starting values (see fit_polished)
  write_table(pt[, c("id", "lhs", "op", "rhs", "user", "block", "group", "free", "ustart", "exo",
                     "label", "plabel", "start", "est", "se")], file.path(out, "partable.csv"))

  write_table(lower_long(fitted(fit)$cov), file.path(out, "implied.csv"))

  p <- attr(fit, "polish")
  writeLines(c(
    paste("lavaan", as.character(packageVersion("lavaan"))),
    paste("R", R.version$major, R.version$minor, sep = "."),
    paste("data", data_file, unname(tools::md5sum(data_file))),
    paste("call", call),
    "fit: nlminb (lavaan defaults, control = list(iter.max = 10000)), then Newton polish with optim.method = \"none\" (see tools/make-sem-fixtures.R)",
    paste("model.type", fit@Options$model.type),
    paste("options", paste(sprintf("%s=%s", c("estimator", "information", "se", "test", "std.lv", "likelihood", "meanstructure", "fixed.x"),
      vapply(c("estimator", "information", "se", "test", "std.lv", "likelihood", "meanstructure", "fixed.x"),
             function(o) paste(fit@Options[[o]], collapse = "/"), "")), collapse = " ")),
    paste("N", lavInspect(fit, "nobs")),
    paste("npar", unname(fitMeasures(fit, "npar"))),
    paste("eq.constraints", p$eq.constraints),
    paste("nlminb.converged", p$nlminb.converged),
    paste("nlminb.iterations", p$nlminb.iterations),
    paste("nlminb.max.abs.gradient", sprintf("%.3g", p$nlminb.grad)),
    paste("nlminb.max.abs.gradient.projected", sprintf("%.3g", p$nlminb.grad.projected)),
    paste("nlminb.chisq", num(p$nlminb.chisq)),
    paste("newton.steps", p$steps),
    paste("max.abs.gradient", sprintf("%.3g", p$grad)),
    paste("max.abs.gradient.projected", sprintf("%.3g", p$grad.projected)),
    paste("converged", lavInspect(fit, "converged"))
  ), file.path(out, "meta.txt"))
  invisible(fit)
}


# The multi-group fixtures' files: model.lav, estimates.csv (with group and label), fit.csv and meta.txt.
write_group_fixtures <- function(name, fit, model, call, data_file) {
  out <- file.path(root, name)
  dir.create(out, recursive = TRUE, showWarnings = FALSE)
  writeLines(trimws(strsplit(trimws(model), "\n")[[1]]), file.path(out, "model.lav"))
  pe <- parameterEstimates(fit, standardized = TRUE)
  if (is.null(pe$label)) pe$label <- ""
  write_table(pe[, c("lhs", "op", "rhs", "group", "label", "est", "se", "std.lv", "std.all")],
              file.path(out, "estimates.csv"))
  fm <- fitMeasures(fit)
  write_table(data.frame(measure = names(fm), value = as.numeric(fm)), file.path(out, "fit.csv"))
  writeLines(c(paste("lavaan", as.character(packageVersion("lavaan"))),
               paste("data", data_file, unname(tools::md5sum(data_file))), paste("call", call),
               paste("groups", paste(lavInspect(fit, "group.label"), collapse = ",")),
               paste("converged", lavInspect(fit, "converged"))), file.path(out, "meta.txt"))
}
