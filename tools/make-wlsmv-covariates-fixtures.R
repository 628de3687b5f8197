#!/usr/bin/env Rscript
# Reference values for WLSMV with ORDINAL indicators and EXOGENOUS OBSERVED COVARIATES (lavaan 0.6-14,
# conditional.x = TRUE, its default for categorical data with exogenous covariates).
# Run from the repository root:  Rscript tools/make-wlsmv-covariates-fixtures.R
# Data: Surveys/reference/trust-likert-400.csv (7-point items) plus two covariates drawn here with
# set.seed(20261125): age = round(rnorm(400, 35, 10)), female = rbinom(400, 1, 0.5) (both treated as continuous
# exogenous covariates). NOTE: trust-likert-400 was itself simulated from seed 20261125, so this age draw is
# strongly related to the items (cor(age, PT1) = -0.69); that is fine, it gives non-trivial slopes.
# Writes Tests/TrustPathSEMTests/Fixtures/wlsmv/covariates/:
#   data.csv      the 24 item columns + age, female; the fit below is run on this file as read back;
#   model.lav     the model;
#   sample.csv    statistic,value,gamma: lavaan's WLS.obs vector (lavTech(fit, "wls.obs")) in its own order,
#                 with diag(lavInspect(fit, "gamma")). Names: "HA1|t1" thresholds (probit intercepts, at x = 0);
#                 "HA1~age" probit slopes; "HA2~~HA1" residual polychoric correlations (row ~~ column of the
#                 lower triangle, as in the trust and mixed fixtures);
#   estimates.csv lhs,op,rhs,label,est,se,std.all for every row of parameterEstimates;
#   fit.csv       fitMeasures (same list as make-wlsmv-fixtures.R).
# The script also recomputes WLS.obs, Gamma, X2, the SEs, the scaled test, the baseline, SRMR and std.all
# from the formulas in SPEC.md (own code throughout; pbivnorm::pbivnorm for the bivariate normal cdf, as
# lavaan) and stops if they disagree with lavaan.
# %.17g throughout. WLSMV = DWLS, robust.sem SEs, scaled-shifted test, delta parameterization.
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/wlsmv/covariates"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
likert <- read.csv("Surveys/reference/trust-likert-400.csv")
stopifnot(nrow(likert) == 400L, !anyNA(likert))
set.seed(20261125)
data <- likert
data$age <- round(rnorm(400, 35, 10))
data$female <- rbinom(400, 1, 0.5)
write.csv(data, file.path(out, "data.csv"), row.names = FALSE, quote = FALSE, na = "")
data <- read.csv(file.path(out, "data.csv"))
model <- c("HA =~ HA1 + HA2 + HA3 + HA4", "PT =~ PT1 + PT2 + PT3 + PT4",
           "PT ~ HA + age + female", "HA ~ age")
writeLines(model, file.path(out, "model.lav"))
ordered <- c(paste0("HA", 1:4), paste0("PT", 1:4))
fit <- sem(paste(model, collapse = "\n"), data = data, ordered = ordered, estimator = "WLSMV")
stopifnot(isTRUE(lavInspect(fit, "options")$conditional.x), lavInspect(fit, "converged"))

pe <- parameterEstimates(fit, standardized = TRUE)
if (!"label" %in% names(pe)) pe$label <- ""
lines <- sprintf("%s,%s,%s,%s,%.17g,%.17g,%.17g", pe$lhs, pe$op, pe$rhs, pe$label, pe$est, pe$se, pe$std.all)
writeLines(c("lhs,op,rhs,label,est,se,std.all", lines), file.path(out, "estimates.csv"))
measures <- c("npar", "fmin", "chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled",
              "chisq.scaling.factor", "baseline.chisq", "baseline.df", "baseline.chisq.scaled",
              "baseline.chisq.scaling.factor", "cfi", "tli", "cfi.scaled", "tli.scaled",
              "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.pvalue", "rmsea.scaled",
              "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled", "rmsea.pvalue.scaled", "srmr")
values <- fitMeasures(fit, measures)
writeLines(c("measure,value", sprintf("%s,%.17g", names(values), values)), file.path(out, "fit.csv"))

obs <- lavTech(fit, "wls.obs")[[1]]
G <- lavInspect(fit, "gamma")
stat.names <- sapply(strsplit(rownames(G), "~~", fixed = TRUE), function(x)
  if (length(x) == 2L && x[1] != x[2]) paste0(x[2], "~~", x[1]) else paste(x, collapse = "~~"))
writeLines(c("statistic,value,gamma", sprintf("%s,%.17g,%.17g", stat.names, obs, diag(G))),
           file.path(out, "sample.csv"))
cat("covariates: chisq", values[["chisq"]], "scaled", values[["chisq.scaled"]], "df", values[["df"]], "\n")

# ---------------------------------------------------------------- independent recomputation (SPEC.md)
ov <- lavNames(fit, "ov.nox"); xn <- lavNames(fit, "ov.x")
Y <- as.matrix(data[, ov]); X <- as.matrix(data[, xn]); N <- nrow(Y); p <- length(ov); q <- length(xn)
stopifnot(identical(xn, c("age", "female")))
# step 1: ordered probit  P(y <= t | x) = Phi(tau_t - x'beta), by Newton-Raphson on the exact Hessian
uvord <- function(y, X, theta = NULL) {      # theta given: evaluate at it (lavaan's estimates); else fit
  K <- max(y); nth <- K - 1L
  parts <- function(theta) {
    tau <- theta[1:nth]; beta <- theta[-(1:nth)]; eta <- drop(X %*% beta)
    z1 <- ifelse(y == K, Inf, c(tau, 0)[y] - eta)           # upper bound
    z2 <- ifelse(y == 1, -Inf, c(0, tau)[y] - eta)          # lower bound
    P <- ifelse(z2 > 1, pnorm(z2, lower.tail = FALSE) - pnorm(z1, lower.tail = FALSE), pnorm(z1) - pnorm(z2))
    d1 <- dnorm(z1); d2 <- dnorm(z2)
    Y1 <- outer(y, 1:nth, "=="); Y2 <- outer(y - 1L, 1:nth, "==")
    S <- cbind((Y1 * d1 - Y2 * d2) / P, -X * (d1 - d2) / P)   # casewise scores (tau, beta)
    g1 <- ifelse(is.finite(z1), -z1 * d1, 0); g2 <- ifelse(is.finite(z2), -z2 * d2, 0)
    D1 <- cbind(Y1, -X); D2 <- cbind(Y2, -X)                  # d z1 / d theta, d z2 / d theta
    H <- crossprod(D1 * g1 / P, D1) - crossprod(D2 * g2 / P, D2) - crossprod(S)
    list(S = S, H = H, z1 = z1, z2 = z2, P = P, ll = sum(log(P)))
  }
  if (is.null(theta)) {
    theta <- c(qnorm(cumsum(tabulate(y, K))[-K] / length(y)), rep(0, ncol(X)))
    for (it in 1:100) {
      pp <- parts(theta); step <- solve(pp$H, colSums(pp$S))
      theta <- theta - step
      if (max(abs(step)) < 1e-13) break
    }
  }
  pp <- parts(theta)
  list(theta = theta, tau = theta[1:nth], beta = theta[-(1:nth)], nth = nth, K = K, y = y,
       S = pp$S, z1 = pp$z1, z2 = pp$z2, P = pp$P, H = pp$H)
}
uni <- lapply(seq_len(p), function(k) uvord(Y[, k], X))
# step 2: residual polychoric correlation given x
dbn <- function(u, v, r) ifelse(is.finite(u) & is.finite(v),
  exp(-0.5 * (u * u - 2 * r * u * v + v * v) / (1 - r * r)) / (2 * pi * sqrt(1 - r * r)), 0)
big <- function(z) pmin(pmax(z, -1e10), 1e10)
pbn <- function(u, v, r) pbivnorm::pbivnorm(big(u), big(v), rho = r)
bv.lik <- function(a, b, r) pbn(a$z1, b$z1, r) - pbn(a$z2, b$z1, r) - pbn(a$z1, b$z2, r) + pbn(a$z2, b$z2, r)
bv.u <- function(a, b, r) (dbn(a$z1, b$z1, r) - dbn(a$z2, b$z1, r) - dbn(a$z1, b$z2, r) + dbn(a$z2, b$z2, r)) /
  bv.lik(a, b, r)
# exact root of the summed pair score (bracket wide enough for this data; |rho| < 0.5 here)
polychoric <- function(a, b) uniroot(function(r) sum(bv.u(a, b, r)), c(-0.9, 0.9), tol = 1e-15)$root
bv.d <- function(a, b, r) {      # derivative of log lik_i w.r.t. a's thresholds and slopes
  R <- sqrt(1 - r * r); L <- bv.lik(a, b, r)
  Z1 <- dnorm(a$z1) * (pnorm((b$z1 - r * a$z1) / R) - pnorm((b$z2 - r * a$z1) / R))
  Z2 <- dnorm(a$z2) * (pnorm((b$z1 - r * a$z2) / R) - pnorm((b$z2 - r * a$z2) / R))
  Z1[!is.finite(a$z1)] <- 0; Z2[!is.finite(a$z2)] <- 0
  cbind(sapply(seq_len(a$nth), function(t) ((a$y == t) * Z1 - (a$y == t + 1) * Z2) / L), (Z2 - Z1) * X / L)
}
nth <- sapply(uni, `[[`, "nth"); NTH <- sum(nth); th.end <- cumsum(nth); th.start <- th.end - nth + 1L
M1 <- NTH + p * q
cols1 <- function(k) c(th.start[k]:th.end[k], NTH + k + p * (seq_len(q) - 1L))   # item k: thresholds, slopes
pairs <- which(lower.tri(diag(p)), arr.ind = TRUE); pairs <- pairs[order(pairs[, 2], pairs[, 1]), ]
pstar <- nrow(pairs)
gamma.build <- function(uni, rho = NULL) {   # rho NULL: exact root of the pair score
  S1 <- matrix(0, N, M1)
  for (k in seq_len(p)) S1[, cols1(k)] <- uni[[k]]$S
  U <- matrix(0, N, pstar); A21 <- matrix(0, pstar, M1); if (is.null(rho)) rho <- rep(NA, pstar); minlik <- Inf
  for (qq in seq_len(pstar)) {
    i <- pairs[qq, 1]; j <- pairs[qq, 2]; a <- uni[[i]]; b <- uni[[j]]
    if (is.na(rho[qq])) rho[qq] <- polychoric(a, b)
    r <- rho[qq]
    minlik <- min(minlik, bv.lik(a, b, r))
    U[, qq] <- bv.u(a, b, r)
    A21[qq, cols1(i)] <- colSums(U[, qq] * bv.d(a, b, r))
    A21[qq, cols1(j)] <- colSums(U[, qq] * bv.d(b, a, r))
  }
  stopifnot(minlik > sqrt(.Machine$double.eps))   # no case is dropped (lavaan drops lik_i <= 1.49e-8)
  A11 <- matrix(0, M1, M1)
  for (k in seq_len(p)) A11[cols1(k), cols1(k)] <- crossprod(S1[, cols1(k)])
  PSI1 <- S1 %*% solve(A11)
  PSI2 <- sweep(U - PSI1 %*% t(A21), 2, colSums(U^2), "/")
  list(rho = rho, S1 = S1, U = U, A11 = A11, A21 = A21, A22 = colSums(U^2), Gamma = N * crossprod(cbind(PSI1, PSI2)),
       stats = c(unlist(lapply(uni, `[[`, "tau")), c(t(sapply(uni, `[[`, "beta"))), rho))
}
own <- gamma.build(uni)                                          # own step 1 + exact polychoric roots
uniL <- lapply(seq_len(p), function(k) uvord(Y[, k], X, lavaan:::lav_uvord_fit(y = Y[, k], X = X)$theta))
lav <- gamma.build(uniL, obs[(M1 + 1):length(obs)])              # lavaan's (nlminb-rounded) estimates, own formulas
d.th <- max(sapply(seq_len(p), function(k) max(abs(uni[[k]]$theta - uniL[[k]]$theta))))
d.obs <- max(abs(lav$stats - obs)); d.gam <- max(abs(lav$Gamma - G)) / max(abs(G))
d.obs.own <- max(abs(own$stats - obs)); d.gam.own <- max(abs(own$Gamma - G)) / max(abs(G))
cat(sprintf(paste0("check (lavaan's estimates, own formulas): max|WLS.obs - own| = %.3g, max rel |Gamma - own| = %.3g\n",
  "check (own exact estimates): max|probit theta - lavaan| = %.3g, max|WLS.obs - own| = %.3g, max rel |Gamma - own| = %.3g\n"),
  d.obs, d.gam, d.th, d.obs.own, d.gam.own))

# model side: implied statistics, Delta, X2, SEs, scaled-shifted test
Wd <- 1 / diag(G)
GL <- fit@Model@GLIST
implied <- function(par) {             # par in lavaan's free-parameter order (partable 'free' column)
  L <- GL$lambda; B <- GL$beta; Gm <- GL$gamma; Ps <- GL$psi
  L[2:4, 1] <- par[1:3]; L[6:8, 2] <- par[4:6]; B[2, 1] <- par[7]; Gm[2, 1:2] <- par[8:9]; Gm[1, 1] <- par[10]
  tau <- par[11:58]; Ps[1, 1] <- par[59]; Ps[2, 2] <- par[60]
  LA <- L %*% solve(diag(2) - B)
  Sig <- LA %*% Ps %*% t(LA)
  c(tau, c(LA %*% Gm), Sig[lower.tri(Sig)])
}
theta.hat <- coef(fit)
stopifnot(length(theta.hat) == 60L)
est <- lavaan:::lav_model_wls_est(fit@Model)[[1]]
d.est <- max(abs(implied(theta.hat) - est))
D <- lavTech(fit, "delta")[[1]]
Dnum <- sapply(seq_along(theta.hat), function(m) { h <- 1e-6; e <- replace(numeric(60), m, h)
  (implied(theta.hat + e) - implied(theta.hat - e)) / (2 * h) })
X2 <- (N - 1) * sum(Wd * (obs - est)^2)
E <- solve(crossprod(D, Wd * D)); WD <- Wd * D
se <- sqrt(diag(E %*% crossprod(WD, G %*% WD) %*% E) / (N - 1))
Um <- diag(Wd) - WD %*% E %*% t(WD); UG <- Um %*% G
t1 <- sum(diag(UG)); t2 <- sum(UG * t(UG)); df <- length(obs) - length(theta.hat)
a <- sqrt(df / t2); shift <- df - sqrt(df * t1^2 / t2)
cidx <- (M1 + 1):length(obs)                              # baseline: only the correlations are restricted (to 0)
X2b <- (N - 1) * sum(Wd[cidx] * obs[cidx]^2); UGb <- Wd[cidx] * G[cidx, cidx]
ab <- sqrt(pstar / sum(UGb * t(UGb))); shiftb <- pstar - sqrt(pstar * sum(diag(UGb))^2 / sum(UGb * t(UGb)))
res <- obs[cidx] - est[cidx]
srmr <- sqrt(sum(res^2) / (pstar + p + q))               # lavaan: pstar + nvar, nvar counts the covariates
cat(sprintf(paste0("check: max|wls.est - own| = %.3g, max|Delta - numeric| = %.3g, chisq %.12g vs (N-1)*F %.12g, ",
  "max|se - own| = %.3g,\n       scaled %.12g vs %.12g, baseline %.12g vs %.12g, baseline scaled %.12g vs %.12g, ",
  "srmr %.12g vs %.12g (p+p(p-1)/2 divisor: %.12g)\n"),
  d.est, max(abs(D - Dnum)), values[["chisq"]], X2, max(abs(se - sqrt(diag(lavTech(fit, "vcov"))))),
  values[["chisq.scaled"]], a * X2 + shift, values[["baseline.chisq"]], X2b, values[["baseline.chisq.scaled"]],
  ab * X2b + shiftb, values[["srmr"]], srmr, sqrt(sum(res^2) / (pstar + p))))
# other fit measures (same formulas as without covariates; RMSEA uses N - 1 for DWLS: lav_utils_get_ntotal)
X2s <- a * X2 + shift; X2bs <- ab * X2b + shiftb
cfi.s <- 1 - max(X2s - df, 0) / max(X2s - df, X2bs - pstar, 0)
tli.s <- (X2bs / pstar - X2s / df) / (X2bs / pstar - 1)
rmsea.s <- sqrt(max(X2s / (N - 1) / df - 1 / (N - 1), 0))
tli <- (X2b / pstar - X2 / df) / (X2b / pstar - 1)
cat(sprintf("check: cfi.scaled %.12g vs %.12g, tli.scaled %.12g vs %.12g, tli %.12g vs %.12g, rmsea.scaled %.12g vs %.12g\n",
  values[["cfi.scaled"]], cfi.s, values[["tli.scaled"]], tli.s, values[["tli"]], tli, values[["rmsea.scaled"]], rmsea.s))
# std.all: TOTAL (unconditional) variances of eta and y* (x variance included), x variances = cov.x (divisor N-1)
Ax <- solve(diag(2) - GL$beta); covx <- GL$cov.x
VETA <- Ax %*% (GL$gamma %*% covx %*% t(GL$gamma) + GL$psi) %*% t(Ax)
VY <- diag(GL$lambda %*% VETA %*% t(GL$lambda) + GL$theta)
sd.any <- c(sqrt(diag(VETA)), sqrt(VY), sqrt(diag(covx))); names(sd.any) <- c("HA", "PT", ov, xn)
own.std <- with(pe, ifelse(op == "=~", est * sd.any[lhs] / sd.any[rhs],
  ifelse(op == "~", est * sd.any[rhs] / sd.any[lhs],
  ifelse(op == "~~", est / (sd.any[lhs] * sd.any[rhs]),
  ifelse(op == "~*~", 1, est / sd.any[lhs])))))                    # "|" and "~1": est / sd(lhs)
d.std <- max(abs(own.std - pe$std.all))
d.covx <- max(abs(covx - cov(X)), abs(GL$mean.x - colMeans(X)))
cat(sprintf("check: max|std.all - own| = %.3g; max|cov.x - cov(X) (divisor N-1)|, |mean.x - colMeans| = %.3g\n", d.std, d.covx))
stopifnot(d.obs < 1e-12, d.gam < 1e-12, d.th < 1e-7, d.obs.own < 1e-7, d.gam.own < 1e-6,
          d.est < 1e-12, max(abs(D - Dnum)) < 1e-7,
          abs(X2 - values[["chisq"]]) < 1e-8, max(abs(se - sqrt(diag(lavTech(fit, "vcov"))))) < 1e-10,
          abs(X2s - values[["chisq.scaled"]]) < 1e-8, abs(X2b - values[["baseline.chisq"]]) < 1e-7,
          abs(X2bs - values[["baseline.chisq.scaled"]]) < 1e-7, abs(srmr - values[["srmr"]]) < 1e-12,
          abs(cfi.s - values[["cfi.scaled"]]) < 1e-12, abs(tli.s - values[["tli.scaled"]]) < 1e-12,
          abs(tli - values[["tli"]]) < 1e-12, abs(rmsea.s - values[["rmsea.scaled"]]) < 1e-12,
          d.std < 1e-12, d.covx < 1e-12)
