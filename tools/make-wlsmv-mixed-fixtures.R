#!/usr/bin/env Rscript
# Reference values for WLSMV with MIXED ordinal + continuous indicators (lavaan 0.6-14).
# Run from the repository root:  Rscript tools/make-wlsmv-mixed-fixtures.R
# Data: Surveys/reference/trust-likert-400.csv with HA1..HA4 and PT1..PT4 replaced by the continuous
# columns of Surveys/reference/trust-simulated-400.csv (same respondents): HA and PT continuous,
# ID, RR, SC, PI ordinal (7 categories; only ID and PI enter the model).
# Writes Tests/TrustPathSEMTests/Fixtures/wlsmv/mixed/:
#   data.csv      the mixed data (all 24 columns, na as empty); the fit below is run on this file as read back;
#   model.lav     the model;
#   sample.csv    statistic,value,gamma: lavaan's WLS.obs vector (lavTech(fit, "wls.obs")) in its own order,
#                 with diag(lavInspect(fit, "gamma")). Names: "ID1|t1" thresholds; "HA1~1" the threshold slot
#                 of a continuous item, whose VALUE IS MINUS THE SAMPLE MEAN; "HA1~~HA1" continuous variances
#                 (divisor N); "HA2~~HA1" off-diagonals (row ~~ column of the lower triangle, as in the trust
#                 fixture): covariance (cont-cont), polyserial * sd_cont (cont-ord), polychoric (ord-ord);
#   estimates.csv lhs,op,rhs,label,est,se,std.all for every row of parameterEstimates;
#   fit.csv       fitMeasures (same list as make-wlsmv-fixtures.R).
# The script also recomputes WLS.obs and Gamma from the formulas in SPEC.md (own code for means, variances,
# thresholds, Pearson and polyserial statistics and all bread blocks; lavaan internals only for the
# polychoric scores) and stops if they disagree with lavaan.
# %.17g throughout. WLSMV = DWLS, robust.sem SEs, scaled-shifted test, delta parameterization.
suppressPackageStartupMessages(library(lavaan))
out <- "Tests/TrustPathSEMTests/Fixtures/wlsmv/mixed"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
likert <- read.csv("Surveys/reference/trust-likert-400.csv")
simulated <- read.csv("Surveys/reference/trust-simulated-400.csv")
continuous <- c(paste0("HA", 1:4), paste0("PT", 1:4))
mixed <- likert
for (v in continuous) mixed[[v]] <- simulated[[v]]
write.csv(mixed, file.path(out, "data.csv"), row.names = FALSE, quote = FALSE, na = "")
mixed <- read.csv(file.path(out, "data.csv"))
model <- c("HA =~ HA1 + HA2 + HA3 + HA4", "ID =~ ID1 + ID2 + ID3 + ID4",
           "PT =~ PT1 + PT2 + PT3 + PT4", "PI =~ PI1 + PI2 + PI3 + PI4",
           "PT ~ HA + ID", "PI ~ PT")
writeLines(model, file.path(out, "model.lav"))
ordered <- c(paste0("ID", 1:4), paste0("PI", 1:4))
fit <- sem(paste(model, collapse = "\n"), data = mixed, ordered = ordered, estimator = "WLSMV")

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
cat("mixed: chisq", values[["chisq"]], "scaled", values[["chisq.scaled"]], "df", values[["df"]], "\n")

# ---------------------------------------------------------------- independent recomputation (SPEC.md)
ov <- lavNames(fit, "ov"); Y <- as.matrix(mixed[, ov]); N <- nrow(Y); p <- length(ov)
isnum <- !(ov %in% ordered)
uni <- lapply(seq_len(p), function(k) {
  y <- Y[, k]
  if (isnum[k]) {
    mu <- mean(y); v <- sum((y - mu)^2) / N
    list(num = TRUE, mu = mu, v = v, sd = sqrt(v), z = (y - mu) / sqrt(v),
         s = cbind((y - mu) / v, -1 / (2 * v) + (y - mu)^2 / (2 * v^2)))
  } else {
    K <- max(y); tau <- qnorm(cumsum(tabulate(y, K))[-K] / N)
    up <- c(tau, 100)[y]; lo <- c(-100, tau)[y]; P <- pnorm(up) - pnorm(lo)
    s <- sapply(seq_len(K - 1), function(t) ((y == t) - (y == t + 1)) * dnorm(tau[t]) / P)
    list(num = FALSE, tau = tau, y = y, up = up, lo = lo, K = K, s = s)
  }
})
ps.parts <- function(a, b, r) {
  R <- sqrt(1 - r^2); A <- (b$up - r * a$z) / R; B <- (b$lo - r * a$z) / R
  P <- pmax(pnorm(A) - pnorm(B), .Machine$double.eps); list(R = R, A = A, B = B, P = P, dA = dnorm(A), dB = dnorm(B))
}
ps.grad <- function(a, b, r) with(ps.parts(a, b, r),
  (dA * (b$up * r - a$z) - dB * (b$lo * r - a$z)) / (R^3 * P))
polyserial <- function(a, b) uniroot(function(r) sum(ps.grad(a, b, r)), c(-0.995, 0.995), tol = 1e-14)$root
nth <- sapply(uni, function(u) if (u$num) 1L else u$K - 1L)
th.end <- cumsum(nth); th.start <- th.end - nth + 1L
num.idx <- which(isnum); NTH <- sum(nth); M1 <- NTH + length(num.idx)
var.col <- function(k) NTH + match(k, num.idx)
pairs <- which(lower.tri(diag(p)), arr.ind = TRUE); pairs <- pairs[order(pairs[, 2], pairs[, 1]), ]
pstar <- nrow(pairs)
LAVCOR <- cov2cor(lavInspect(fit, "sampstat")$cov)   # lavaan's rho (nlminb-rounded), see SPEC 3
SC1 <- matrix(0, N, M1)
for (k in seq_len(p)) {
  SC1[, th.start[k]:th.end[k]] <- if (isnum[k]) uni[[k]]$s[, 1] else uni[[k]]$s
  if (isnum[k]) SC1[, var.col(k)] <- uni[[k]]$s[, 2]
}
SCR <- matrix(0, N, pstar); A21 <- H21 <- matrix(0, pstar, M1); h22 <- rep(1, pstar)
COR <- diag(p); ps.diff <- 0
for (q in seq_len(pstar)) {
  i <- pairs[q, 1]; j <- pairs[q, 2]; r <- LAVCOR[i, j]
  if (isnum[i] && isnum[j]) {
    a <- uni[[i]]; b <- uni[[j]]; r <- cor(Y[, i], Y[, j]); Rr <- 1 - r^2
    e1 <- a$z * a$sd; e2 <- b$z * b$sd; s12 <- a$sd * b$sd
    Q <- e1^2 / a$v - 2 * r * e1 * e2 / s12 + e2^2 / b$v
    SCR[, q] <- r / Rr + e1 * e2 / (s12 * Rr) - Q * r / Rr^2
    A21[q, th.start[i]] <- sum(SCR[, q] * (e1 / a$v - r * e2 / s12) / Rr)
    A21[q, th.start[j]] <- sum(SCR[, q] * (e2 / b$v - r * e1 / s12) / Rr)
    A21[q, var.col(i)] <- sum(SCR[, q] * (-0.5 / a$v + (e1^2 / a$v^2 - r * e1 * e2 / (a$v * s12)) / (2 * Rr)))
    A21[q, var.col(j)] <- sum(SCR[, q] * (-0.5 / b$v + (e2^2 / b$v^2 - r * e1 * e2 / (b$v * s12)) / (2 * Rr)))
    H21[q, var.col(i)] <- b$sd * r / (2 * a$sd); H21[q, var.col(j)] <- a$sd * r / (2 * b$sd)
    h22[q] <- a$sd * b$sd
  } else if (isnum[i] != isnum[j]) {
    n <- if (isnum[i]) i else j; o <- if (isnum[i]) j else i; a <- uni[[n]]; b <- uni[[o]]
    ps.diff <- max(ps.diff, abs(polyserial(a, b) - r))
    pp <- ps.parts(a, b, r); SCR[, q] <- ps.grad(a, b, r)
    A21[q, th.start[n]] <- sum(SCR[, q] * (a$z + r / pp$R * (pp$dA - pp$dB) / pp$P) / a$sd)
    A21[q, var.col(n)] <- sum(SCR[, q] * ((a$z^2 - 1) + r * a$z / pp$R * (pp$dA - pp$dB) / pp$P) / (2 * a$v))
    A21[q, th.start[o]:th.end[o]] <- sapply(seq_len(b$K - 1), function(t)
      sum(SCR[, q] * ((b$y == t) * pp$dA - (b$y == t + 1) * pp$dB) / (pp$R * pp$P)))
    H21[q, var.col(n)] <- r / (2 * a$sd); h22[q] <- a$sd
  } else {
    fi <- lavaan:::lav_uvord_fit(y = Y[, i]); fj <- lavaan:::lav_uvord_fit(y = Y[, j])
    s <- lavaan:::lav_bvord_cor_scores(rho = r, fit.y1 = fi, fit.y2 = fj)
    SCR[, q] <- s$dx.rho
    A21[q, th.start[i]:th.end[i]] <- colSums(s$dx.rho * s$dx.th.y1)
    A21[q, th.start[j]:th.end[j]] <- colSums(s$dx.rho * s$dx.th.y2)
  }
  COR[i, j] <- COR[j, i] <- r
}
A11 <- matrix(0, M1, M1)
for (k in seq_len(p)) {
  idx <- c(th.start[k]:th.end[k], if (isnum[k]) var.col(k))
  A11[idx, idx] <- crossprod(SC1[, idx])
}
A11.inv <- solve(A11); a22.inv <- 1 / colSums(SCR^2)
PSI1 <- SC1 %*% A11.inv                                          # N x M1   (A11 is symmetric)
PSI2 <- sweep(SCR - PSI1 %*% t(A21), 2, a22.inv, "*")            # N x pstar
PSI2 <- sweep(PSI2, 2, h22, "*") + PSI1 %*% t(H21)               # rho -> covariance scale
PSI <- cbind(PSI1, PSI2)
PSI[, th.start[num.idx]] <- -PSI[, th.start[num.idx]]           # mean slots hold -mean
Gamma <- N * crossprod(PSI)
sds <- ifelse(isnum, sapply(uni, function(u) if (u$num) u$sd else 1), 1)
COV <- COR * outer(sds, sds)
mine <- c(unlist(lapply(uni, function(u) if (u$num) -u$mu else u$tau)),
          sapply(uni[num.idx], `[[`, "v"), COV[lower.tri(COV)])
d.obs <- max(abs(mine - obs)); d.gam <- max(abs(Gamma - G)) / max(abs(G))
cat(sprintf("check: max|WLS.obs - own| = %.3g, max rel |Gamma - own| = %.3g, max|rho_polyserial(lavaan) - exact root| = %.3g\n",
            d.obs, d.gam, ps.diff))
Wd <- 1 / diag(G); est <- lavaan:::lav_model_wls_est(fit@Model)[[1]]
X2 <- (N - 1) * sum(Wd * (obs - est)^2)
D <- lavTech(fit, "delta")[[1]]; E <- solve(crossprod(D, Wd * D)); WD <- Wd * D
se <- sqrt(diag(E %*% crossprod(WD, G %*% WD) %*% E) / (N - 1))
cat(sprintf("check: chisq %.12g vs (N-1)*F_DWLS %.12g; max|se - own| = %.3g\n", values[["chisq"]], X2,
            max(abs(se - sqrt(diag(lavTech(fit, "vcov")))))))
stopifnot(d.obs < 1e-12, d.gam < 1e-10, ps.diff < 1e-6, abs(X2 - values[["chisq"]]) < 1e-8)
