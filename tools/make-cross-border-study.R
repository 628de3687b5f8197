#!/usr/bin/env Rscript
# The bundled cross-border-trust study's raw export: synthetic, not real respondents.
# Run from the repository root:  Rscript tools/make-cross-border-study.R
# Writes Surveys/cross-border-trust/responses.csv: 450 rows as a survey platform exports them.
# - 400 attentive respondents: the 24 items of Surveys/reference/trust-likert-400.csv (RR4 and PI4
#   stored reverse-keyed), consent "yes", attention check AC1 = 2 ("please select 2"), durations
#   log-normal around 7 minutes;
# - 50 rows for screening to find: 12 who declined consent (no answers), 15 who failed the attention
#   check, 10 straight-liners (one answer throughout) and 13 speeders (under 90 seconds); the last
#   three groups answer at random.
# Every row has invented personal data (name, e-mail at example.org, phone in the +86 000 range,
# IP in the 192.0.2.0/24 documentation range, free-text comment) that no report may show, plus
# demographics and an ISO 3166 country code. Rows are shuffled with a fixed seed.
set.seed(20261125)
items <- read.csv("Surveys/reference/trust-likert-400.csv")
item_names <- names(items)
random_items <- function(n) as.data.frame(matrix(sample(1:7, n * 24, replace = TRUE), n, 24, dimnames = list(NULL, item_names)))
flat_items <- function(n) as.data.frame(matrix(rep(sample(c(4, 5, 7), n, replace = TRUE), 24), n, 24, dimnames = list(NULL, item_names)))
empty_items <- function(n) as.data.frame(matrix(NA, n, 24, dimnames = list(NULL, item_names)))
group <- function(block, consent, ac1, duration) data.frame(consent = consent, AC1 = ac1, duration_s = round(duration), block)
rows <- rbind(
  group(items, "yes", 2, rlnorm(400, log(420), 0.35)),
  group(empty_items(12), "no", NA, rlnorm(12, log(30), 0.3)),
  group(random_items(15), "yes", sample(c(1, 3:7), 15, replace = TRUE), rlnorm(15, log(380), 0.35)),
  group(flat_items(10), "yes", 2, rlnorm(10, log(300), 0.3)),
  group(random_items(13), "yes", 2, runif(13, 45, 89))
)
n <- nrow(rows)
first <- c("Wei", "Li", "Anna", "Lukas", "Yuki", "Emma", "Mateo", "Siti", "Arjun", "Chloe")
last <- c("Zhang", "Wang", "Schmidt", "Tanaka", "Smith", "Martin", "Silva", "Rahman", "Nguyen", "Brown")
people <- data.frame(
  response_id = sprintf("R_%04d", 1:n),
  name = paste(sample(first, n, replace = TRUE), sample(last, n, replace = TRUE)),
  email = sprintf("respondent%04d@example.org", 1:n),
  phone = sprintf("+86 000 %04d %04d", sample(0:9999, n), 1:n),
  ip = sprintf("192.0.2.%d", sample(1:254, n, replace = TRUE)),
  country = sample(c("CN", "US", "DE", "JP", "GB", "FR", "BR", "ID", "MY", "TH"), n, replace = TRUE),
  gender = sample(c("female", "male", "non-binary", "prefer not to say"), n, replace = TRUE, prob = c(0.52, 0.44, 0.02, 0.02)),
  age_group = sample(c("18-24", "25-34", "35-44", "45-54", "55+"), n, replace = TRUE, prob = c(0.25, 0.35, 0.2, 0.12, 0.08)),
  comment = sample(c("", "Bought twice via live stream", "Call me about the discount", "Shipping took long", "Great host"), n, replace = TRUE)
)
study <- cbind(people, rows)[sample.int(n), ]
study$response_id <- sprintf("R_%04d", 1:n)
write.csv(study, "Surveys/cross-border-trust/responses.csv", row.names = FALSE, na = "")
