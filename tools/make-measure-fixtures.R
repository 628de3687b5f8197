#!/usr/bin/env Rscript
# Reference values for reliability, validity and factor analysis (psych 2.2.9, semTools 0.5-6,
# lavaan 0.6-14, GPArotation). Run from the repository root:  Rscript tools/make-measure-fixtures.R
# Writes Tests/TrustPathPsychometricsTests/Fixtures/<set>/*.csv (committed; the tests never need R)
# (alpha, KMO, Bartlett, CR/AVE/omega, HTMT, EFA, parallel analysis) for three data sets: hs (HolzingerSwineford1939 x1..x9, three constructs), trust (the continuous
# simulated trust data, six constructs) and likert (its 7-point version with RR4 and PI4 recoded
# 8 - x first, as the instrument's reverse flags say). Numbers are written with 17 significant digits.
suppressMessages({ library(psych); library(lavaan); library(semTools); library(GPArotation) })

out <- "Tests/TrustPathPsychometricsTests/Fixtures"
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
write_table <- function(df, path) {
  df[] <- lapply(df, function(col) if (is.numeric(col)) num(col) else col)
  write.csv(df, path, row.names = FALSE, quote = FALSE)
}
square <- function(m, names) {
  df <- data.frame(construct = names, stringsAsFactors = FALSE)
  for (j in seq_along(names)) df[[names[j]]] <- m[, j]
  df
}

sets <- list(
  hs = list(data = HolzingerSwineford1939[, paste0("x", 1:9)],
            blocks = list(visual = paste0("x", 1:3), textual = paste0("x", 4:6), speed = paste0("x", 7:9))),
  trust = list(data = read.csv("Surveys/reference/trust-simulated-400.csv")),
  likert = list(data = local({
    d <- read.csv("Surveys/reference/trust-likert-400.csv")
    d$RR4 <- 8 - d$RR4; d$PI4 <- 8 - d$PI4; d
  }))
)
trust_blocks <- sapply(c("HA", "ID", "RR", "SC", "PT", "PI"), function(code) paste0(code, 1:4), simplify = FALSE)
sets$trust$blocks <- trust_blocks
sets$likert$blocks <- trust_blocks

for (name in names(sets)) {
  set <- sets[[name]]
  dir.create(file.path(out, name), recursive = TRUE, showWarnings = FALSE)
  data <- set$data
  blocks <- set$blocks
  codes <- names(blocks)

  # Cronbach's alpha per construct (psych::alpha): totals, Feldt interval, item statistics.
  alpha_rows <- list(); item_rows <- list()
  for (code in codes) {
    a <- psych::alpha(data[, blocks[[code]]], warnings = FALSE)
    alpha_rows[[code]] <- data.frame(construct = code, alpha = a$total$raw_alpha, alpha.std = a$total$std.alpha,
                                     feldt.lower = unlist(a$feldt$lower.ci), feldt.upper = unlist(a$feldt$upper.ci))
    item_rows[[code]] <- data.frame(construct = code, item = blocks[[code]], alpha.if.deleted = a$alpha.drop$raw_alpha,
                                    r.drop = a$item.stats$r.drop)
  }
  write_table(do.call(rbind, alpha_rows), file.path(out, name, "alpha.csv"))
  write_table(do.call(rbind, item_rows), file.path(out, name, "alpha-items.csv"))

  # Sampling adequacy: KMO and Bartlett's test on all items.
  r <- cor(data)
  k <- psych::KMO(r)
  b <- psych::cortest.bartlett(r, n = nrow(data))
  write_table(data.frame(item = c("overall", colnames(data)), msa = c(k$MSA, k$MSAi)), file.path(out, name, "kmo.csv"))
  write_table(data.frame(chisq = b$chisq, df = b$df, p = b$p.value), file.path(out, name, "bartlett.csv"))

  # The CFA of all constructs: CR and AVE from std.all loadings (the issue's formulas), latent correlations;
  # semTools' compRelSEM and AVE of the same fit for comparison; omega of each construct's one-factor model.
  syntax <- paste(sapply(codes, function(code) paste(code, "=~", paste(blocks[[code]], collapse = " + "))), collapse = "\n")
  fit <- cfa(syntax, data = data)
  std <- standardizedSolution(fit)
  rel <- list()
  for (code in codes) {
    l <- std$est.std[std$op == "=~" & std$lhs == code]
    one <- cfa(paste(code, "=~", paste(blocks[[code]], collapse = " + ")), data = data)
    rel[[code]] <- data.frame(construct = code, n_items = length(l),
                              omega = compRelSEM(one)[[code]],
                              cr = sum(l)^2 / (sum(l)^2 + sum(1 - l^2)), ave = mean(l^2),
                              semtools.cr = compRelSEM(fit)[[code]], semtools.ave = AVE(fit)[[code]])
  }
  write_table(do.call(rbind, rel), file.path(out, name, "reliability.csv"))
  write_table(square(lavInspect(fit, "cor.lv")[codes, codes], codes), file.path(out, name, "latent-cor.csv"))
  write_table(data.frame(chisq = fitMeasures(fit, "chisq"), df = fitMeasures(fit, "df"), cfi = fitMeasures(fit, "cfi"),
                         rmsea = fitMeasures(fit, "rmsea")), file.path(out, name, "cfa-fit.csv"))

  # HTMT and HTMT2 (semTools::htmt returns the lower triangle with 1 on the diagonal; mirrored here).
  for (geometric in c(FALSE, TRUE)) {
    h <- as.matrix(htmt(syntax, data = data, htmt2 = geometric))
    h[upper.tri(h)] <- t(h)[upper.tri(h)]
    write_table(square(h[codes, codes], codes), file.path(out, name, if (geometric) "htmt2.csv" else "htmt.csv"))
  }

  # Exploratory factor analysis: each extraction with each rotation, nfactors = the number of constructs.
  # psych's pa stops when the sum of communalities changes by < .001 (min.err); TrustPath does the same.
  m <- length(codes)
  for (fm in c("pa", "ml")) {
    for (rotate in c("none", "varimax", "promax", "oblimin")) {
      f <- fa(data, nfactors = m, fm = fm, rotate = rotate, warnings = FALSE)
      L <- unclass(f$loadings)
      phi <- if (is.null(f$Phi)) diag(m) else f$Phi
      rows <- data.frame(item = colnames(data))
      for (k in 1:m) rows[[paste0("F", k)]] <- L[, k]
      rows$h2 <- f$communality
      rows$e.values <- f$e.values
      rows$values <- f$values
      write_table(rows, file.path(out, name, sprintf("efa-%s-%s.csv", fm, rotate)))
      phis <- data.frame(factor = paste0("F", 1:m))
      for (k in 1:m) phis[[paste0("F", k)]] <- phi[, k]
      phis$ss.loadings <- f$Vaccounted["SS loadings", ]
      write_table(phis, file.path(out, name, sprintf("efa-%s-%s-phi.csv", fm, rotate)))
    }
    if (fm == "ml") {
      # psych's ML stops at optim's default factr (1e7, ~2e-9 relative), which on the Likert data
      # leaves unrotated loadings ~1e-4 from the optimum. The same objective and gradient (psych's
      # FAfn/FAgr, i.e. factanal's) minimised to factr = 1 give the reference for the unrotated ML fit.
      r <- cor(data)
      ml_fn <- function(psi) {
        e <- eigen(diag(1 / sqrt(psi)) %*% r %*% diag(1 / sqrt(psi)), symmetric = TRUE, only.values = TRUE)$values[-(1:m)]
        -(sum(log(e) - e) - m + nrow(r))
      }
      ml_load <- function(psi) {
        E <- eigen(diag(1 / sqrt(psi)) %*% r %*% diag(1 / sqrt(psi)), symmetric = TRUE)
        diag(sqrt(psi)) %*% E$vectors[, 1:m] %*% diag(sqrt(pmax(E$values[1:m] - 1, 0)))
      }
      ml_gr <- function(psi) { L <- ml_load(psi); diag(L %*% t(L) + diag(psi) - r) / psi^2 }
      opt <- optim(1 - smc(r), ml_fn, ml_gr, method = "L-BFGS-B", lower = 0.005, upper = 1,
                   control = list(parscale = rep(0.01, nrow(r)), factr = 1, pgtol = 0, maxit = 10000))
      L <- ml_load(opt$par)
      L <- L %*% diag(sign(colSums(L)))
      rows <- data.frame(item = colnames(data))
      for (k in 1:m) rows[[paste0("F", k)]] <- L[, k]
      rows$h2 <- rowSums(L^2)
      write_table(rows, file.path(out, name, "efa-ml-tight.csv"))
    }
    # Parallel analysis: only the observed eigenvalues are comparable (R's random draws are not).
    pa <- fa.parallel(data, fm = fm, plot = FALSE, n.iter = 5)
    write_table(data.frame(pc = pa$pc.values, fa = pa$fa.values), file.path(out, name, sprintf("parallel-%s.csv", fm)))
  }
}
cat("wrote fixtures under", out, "\n")
