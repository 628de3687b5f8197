#!/usr/bin/env Rscript
# Survey files in the formats `trustpath` imports, written by R's haven 2.5 (ReadStat inside), with
# what a reader must get back. Run from the repository root:  Rscript tools/make-import-fixtures.R
# Writes Tests/TrustPathImportTests/Fixtures/:
#   likert.sav, likert.zsav (compressed), likert.dta: 6 respondents; q1-q3 7-point items with value
#     labels (q1's in Chinese), a missing q1 answer, q3 with 9 declared user-missing in the SPSS
#     files ("no answer"), variable labels in Chinese and English, a string column `market` with
#     Unicode values, an id;
#   expected.csv: the values a reader must return (empty = missing; the user-missing 9 is missing in
#     the SPSS files and a plain 9 in the Stata file, which has no user-missing values);
#   truncated.sav: the first 300 bytes of likert.sav; likert.xlsx and expected-xlsx.csv (below).
suppressPackageStartupMessages(library(haven))
out <- "Tests/TrustPathImportTests/Fixtures"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
agree <- c("非常不同意" = 1, "不同意" = 2, "有点不同意" = 3, "中立" = 4, "有点同意" = 5, "同意" = 6, "非常同意" = 7)
q1 <- labelled(c(7, 6, NA, 2, 5, 4), agree, label = "我信任这位主播")
q2 <- labelled(c(1, 2, 3, 4, 5, 6), c("Strongly disagree" = 1, "Strongly agree" = 7), label = "The host knows the product")
q3 <- labelled_spss(c(5, 9, 3, 7, 1, 2), c("Strongly disagree" = 1, "Strongly agree" = 7, "no answer" = 9), na_values = 9, label = "I would buy again")
market <- c("中国", "Deutschland", "España", "中国", "", "Türkiye")
attr(market, "label") <- "Market"
data <- data.frame(id = 1:6, q1 = q1, q2 = q2, q3 = q3, market = market, stringsAsFactors = FALSE)
write_sav(data, file.path(out, "likert.sav"))
write_sav(data, file.path(out, "likert.zsav"), compress = "zsav")
stata <- data
stata$q3 <- labelled(c(5, 9, 3, 7, 1, 2), c("Strongly disagree" = 1, "Strongly agree" = 7, "no answer" = 9), label = "I would buy again")
write_dta(stata, file.path(out, "likert.dta"), version = 15)
bytes <- readBin(file.path(out, "likert.sav"), "raw", 300)
writeBin(bytes, file.path(out, "truncated.sav"))
back <- read_sav(file.path(out, "likert.sav"), user_na = FALSE)
expected <- data.frame(id = back$id, q1 = as.numeric(back$q1), q2 = as.numeric(back$q2), q3_spss = as.numeric(back$q3),
                       q3_stata = as.numeric(read_dta(file.path(out, "likert.dta"))$q3), market = back$market)
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, na = "", fileEncoding = "UTF-8")
cat(readLines(file.path(out, "expected.csv")), sep = "\n")

# likert.xlsx, written by openxlsx 4.2 (its own XML writer), two sheets:
#   "responses": id, q1-q3 (numbers, two empty cells), 渠道 (Chinese text), submitted (dates);
#   "notes": one text cell.
# expected-xlsx.csv: the first sheet as a reader must return it (dates as ISO 8601, empty = missing).
suppressPackageStartupMessages(library(openxlsx))
responses <- data.frame(id = 1:5, q1 = c(7, 6, NA, 2, 5), q2 = c(1.5, 2, 3, 4, 5), q3 = c(5, 4, 3, NA, 1),
                        `渠道` = c("直播", "短视频", "直播", "", "直播,预告"),
                        submitted = as.Date(c("2026-03-01", "2026-03-02", "2026-03-02", "2026-03-05", "2026-12-31")),
                        check.names = FALSE, stringsAsFactors = FALSE)
workbook <- createWorkbook()
addWorksheet(workbook, "responses")
writeData(workbook, "responses", responses)
addWorksheet(workbook, "notes")
writeData(workbook, "notes", data.frame(note = "渠道 = channel"))
saveWorkbook(workbook, file.path(out, "likert.xlsx"), overwrite = TRUE)
expected <- responses
expected$submitted <- format(expected$submitted, "%Y-%m-%d")
write.csv(expected, file.path(out, "expected-xlsx.csv"), row.names = FALSE, na = "", fileEncoding = "UTF-8")
cat(readLines(file.path(out, "expected-xlsx.csv")), sep = "\n")
