#!/usr/bin/env Rscript
# Reference values for `trustpath regress`, from R's lm/glm with HC standard errors by explicit
# matrix algebra (no sandwich package). Run from the repository root:
#   Rscript tools/make-regression-fixtures.R
# Writes Tests/TrustPathRegressionTests/Fixtures/*.csv (committed; the tests never need R).
out <- "Tests/TrustPathRegressionTests/Fixtures"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", as.numeric(x)))
write_table <- function(df, file) {
  df[] <- lapply(df, function(col) if (is.numeric(col)) num(col) else col)
  write.csv(df, file.path(out, file), row.names = FALSE, quote = FALSE)
}
d <- read.csv("Surveys/reference/process/glbwarm.csv")

ols <- function(name, formula, data) {
  fit <- lm(formula, data = data)
  X <- model.matrix(fit); e <- residuals(fit); n <- nrow(X); k <- ncol(X)
  XtXi <- solve(crossprod(X)); h <- rowSums((X %*% XtXi) * X)
  hc <- function(w) sqrt(diag(XtXi %*% crossprod(X * w, X) %*% XtXi))
  s <- summary(fit)
  sx <- apply(X[, -1, drop = FALSE], 2, sd); sy <- sd(model.response(model.frame(fit)))
  vif <- if (k > 2) 1 / (1 - sapply(2:k, function(j) summary(lm(X[, j] ~ X[, -c(1, j)]))$r.squared)) else rep(1, k - 1)
  ci <- confint(fit)
  write_table(data.frame(term = colnames(X), estimate = coef(fit), se = s$coefficients[, 2], t = s$coefficients[, 3],
                         p = s$coefficients[, 4], ci.lower = ci[, 1], ci.upper = ci[, 2],
                         se.hc0 = hc(e^2), se.hc1 = hc(e^2) * sqrt(n / (n - k)), se.hc2 = hc(e^2 / (1 - h)),
                         se.hc3 = hc(e^2 / (1 - h)^2), beta = c(NA, coef(fit)[-1] * sx / sy), vif = c(NA, vif)),
              paste0(name, "-coefficients.csv"))
  f <- s$fstatistic
  write_table(data.frame(measure = c("n", "r.squared", "adj.r.squared", "sigma", "f", "f.df1", "f.df2", "f.p"),
                         value = c(n, s$r.squared, s$adj.r.squared, s$sigma, f[["value"]], f[["numdf"]], f[["dendf"]],
                                   pf(f[["value"]], f[["numdf"]], f[["dendf"]], lower.tail = FALSE))),
              paste0(name, "-summary.csv"))
  fit
}
m1 <- ols("govact", govact ~ negemot + posemot + ideology + age + sex, d)
m0 <- ols("govact-block1", govact ~ negemot + posemot, d)
a <- anova(m0, m1)
write_table(data.frame(measure = c("delta.r.squared", "f.change", "df1", "df2", "p"),
                       value = c(summary(m1)$r.squared - summary(m0)$r.squared, a$F[2], a$Df[2], a$Res.Df[2], a$`Pr(>F)`[2])),
            "govact-hierarchical.csv")
dc <- d; dc$negemot <- dc$negemot - mean(dc$negemot); dc$age <- dc$age - mean(dc$age)
ols("govact-interaction-centered", govact ~ negemot + age + negemot:age, dc)
ols("govact-interaction", govact ~ negemot + age + negemot:age, d)

g <- glm(sex ~ negemot + posemot + ideology + age, family = binomial, data = d)
sg <- summary(g)
ll <- as.numeric(logLik(g)); ll0 <- as.numeric(logLik(update(g, . ~ 1))); n <- nobs(g)
write_table(data.frame(term = names(coef(g)), estimate = coef(g), se = sg$coefficients[, 2], z = sg$coefficients[, 3],
                       p = sg$coefficients[, 4], odds.ratio = exp(coef(g)),
                       or.lower = exp(coef(g) - qnorm(0.975) * sg$coefficients[, 2]),
                       or.upper = exp(coef(g) + qnorm(0.975) * sg$coefficients[, 2])),
            "sex-logistic-coefficients.csv")
write_table(data.frame(measure = c("n", "loglik", "loglik.null", "lr.chisq", "lr.df", "lr.p", "mcfadden", "nagelkerke", "aic", "iterations"),
                       value = c(n, ll, ll0, 2 * (ll - ll0), length(coef(g)) - 1, pchisq(2 * (ll - ll0), length(coef(g)) - 1, lower.tail = FALSE),
                                 1 - ll / ll0, (1 - exp(2 * (ll0 - ll) / n)) / (1 - exp(2 * ll0 / n)), AIC(g), g$iter)),
            "sex-logistic-summary.csv")
writeLines(paste("R", R.version$major, R.version$minor, sep = "."), file.path(out, "meta.txt"))

# ---- PROCESS model 1 probing (glbwarm: X = negemot, W = age, covariates posemot, ideology, sex) ----
m1 <- lm(govact ~ negemot + age + negemot:age + posemot + ideology + sex, data = d)
V <- vcov(m1); b <- coef(m1); tc <- qt(0.975, df.residual(m1))
ws <- quantile(d$age, c(0.16, 0.5, 0.84), type = 6)
th <- b["negemot"] + b["negemot:age"] * ws
se <- sqrt(V["negemot", "negemot"] + ws^2 * V["negemot:age", "negemot:age"] + 2 * ws * V["negemot", "negemot:age"])
write_table(data.frame(w = ws, effect = th, se = se, t = th / se, p = 2 * pt(-abs(th / se), df.residual(m1)),
                       lower = th - tc * se, upper = th + tc * se), "process1-conditional.csv")
A <- b["negemot:age"]^2 - tc^2 * V["negemot:age", "negemot:age"]; B <- 2 * (b["negemot"] * b["negemot:age"] - tc^2 * V["negemot", "negemot:age"])
C <- b["negemot"]^2 - tc^2 * V["negemot", "negemot"]
r <- sort(c((-B - sqrt(B^2 - 4 * A * C)) / (2 * A), (-B + sqrt(B^2 - 4 * A * C)) / (2 * A)))
write_table(data.frame(jn = r[r >= min(d$age) & r <= max(d$age)]), "process1-jn.csv")

# ---- PROCESS model 4 (pmi: X = cond, M = pmi, Y = reaction): effects and a plain percentile bootstrap --
p <- read.csv("Surveys/reference/process/pmi.csv")
ma <- lm(pmi ~ cond, p); mb <- lm(reaction ~ cond + pmi, p)
set.seed(20261125)
ab <- replicate(5000, { i <- sample(nrow(p), replace = TRUE); coef(lm(pmi ~ cond, p[i, ]))[2] * coef(lm(reaction ~ cond + pmi, p[i, ]))[3] })
write_table(data.frame(measure = c("a", "b", "c.prime", "indirect", "boot.se", "boot.lower", "boot.upper"),
                       value = c(coef(ma)[2], coef(mb)[3], coef(mb)[2], coef(ma)[2] * coef(mb)[3], sd(ab),
                                 quantile(ab, 0.025, type = 6), quantile(ab, 0.975, type = 6))), "process4-pmi.csv")

# ---- PROCESS model 7 (protest: X = protest, W = sexism, M = respappr, Y = liking) ----------------
pr <- read.csv("Surveys/reference/process/protest.csv")
m7a <- lm(respappr ~ protest + sexism + protest:sexism, pr); m7b <- lm(liking ~ protest + respappr, pr)
ws7 <- quantile(pr$sexism, c(0.16, 0.5, 0.84), type = 6)
a <- coef(m7a); b <- coef(m7b)[["respappr"]]
set.seed(20261125)
idx <- t(replicate(5000, { i <- sample(nrow(pr), replace = TRUE)
  ca <- coef(lm(respappr ~ protest + sexism + protest:sexism, pr[i, ])); cb <- coef(lm(liking ~ protest + respappr, pr[i, ]))[["respappr"]]
  c(ca[4] * cb, (ca[2] + ca[4] * ws7) * cb) }))
write_table(data.frame(measure = c("a1", "a3", "b", "c.prime", "index", paste0("conditional.", 1:3), "index.boot.se", "index.boot.lower", "index.boot.upper"),
                       value = c(a[2], a[4], b, coef(m7b)[["protest"]], a[4] * b, (a[2] + a[4] * ws7) * b, sd(idx[, 1]),
                                 quantile(idx[, 1], 0.025, type = 6), quantile(idx[, 1], 0.975, type = 6))), "process7-protest.csv")

# `regress --scales`: construct scores as item means after recoding the reverse-keyed items
# (RR4, PI4: 8 - x), then lm(PI ~ PT + HA). Written to the CLI tests' fixtures.
likert <- read.csv("Surveys/reference/trust-likert-400.csv")
likert$RR4 <- 8 - likert$RR4; likert$PI4 <- 8 - likert$PI4
scores <- sapply(c("HA", "PT", "PI"), function(code) rowMeans(likert[, paste0(code, 1:4)]))
coefs <- summary(lm(PI ~ PT + HA, data = as.data.frame(scores)))$coefficients
write.csv(data.frame(term = rownames(coefs), estimate = sprintf("%.17g", coefs[, 1]), se = sprintf("%.17g", coefs[, 2])),
          "Tests/TrustPathCLITests/Fixtures/reference/regress-scales.csv", row.names = FALSE, quote = FALSE)
