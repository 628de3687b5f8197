import TrustPathLinalg
import TrustPathPsychometrics

/// The CSV tables and measure.md of `trustpath measure`: the reliability and validity checklist a
/// paper prints, each value judged against its threshold.
public enum MeasureReport {
    /// reliability.csv: one row per construct.
    public static func reliability(_ quality: MeasurementQuality) -> CSVTable {
        var table = CSVTable(header: ["construct", "n_items", "alpha", "alpha.std", "omega", "cr", "ave",
                                      "alpha.lower", "alpha.upper", "sqrt.ave", "fornell.larcker"])
        for (i, block) in quality.blocks.enumerated() {
            let alpha = quality.alphas[i]
            let ave = quality.cfa.averageVarianceExtracted[i]
            table.append([.text(block.code), .integer(block.items.count), number(alpha?.alpha), number(alpha?.standardizedAlpha),
                          number(quality.omegas[i]), number(quality.cfa.compositeReliability[i]), number(ave),
                          number(alpha?.feldtLower), number(alpha?.feldtUpper), number(ave.squareRoot()),
                          quality.passesFornellLarcker(i).map { .text($0 ? "pass" : "fail") } ?? .missing])
        }
        return table
    }

    /// A square table with a first column `construct` (validity.csv, htmt.csv, htmt2.csv).
    public static func square(_ matrix: Matrix, constructs: [String]) -> CSVTable {
        var table = CSVTable(header: ["construct"] + constructs)
        for (i, code) in constructs.enumerated() { table.append([.text(code)] + matrix.row(i).map(number)) }
        return table
    }

    /// htmt-intervals.csv: each pair's HTMT and HTMT2 with their bootstrap intervals.
    public static func htmtIntervals(_ quality: MeasurementQuality) -> CSVTable? {
        guard let boot = quality.htmtBootstrap else { return nil }
        var table = CSVTable(header: ["construct1", "construct2", "htmt", "htmt.lower", "htmt.upper", "htmt2", "htmt2.lower", "htmt2.upper"])
        for i in quality.blocks.indices {
            for j in 0..<i {
                table.append([.text(quality.blocks[i].code), .text(quality.blocks[j].code),
                              number(quality.htmt.ratios[i, j]), number(boot.htmtLower[i, j]), number(boot.htmtUpper[i, j]),
                              number(quality.htmt2.ratios[i, j]), number(boot.htmt2Lower[i, j]), number(boot.htmt2Upper[i, j])])
            }
        }
        return table
    }

    /// items.csv: one row per item: its construct, standardized loading, item-total statistics and
    /// its cross-loadings (correlation with each construct's mean score).
    public static func items(_ quality: MeasurementQuality, reverseCoded: Set<String>) -> CSVTable {
        let codes = quality.blocks.map(\.code)
        var table = CSVTable(header: ["construct", "item", "reverse.coded", "mean", "sd", "loading.std", "r.drop", "alpha.if.deleted"]
                             + codes.map { "cross.\($0)" })
        for (c, block) in quality.blocks.enumerated() {
            for (k, item) in block.items.enumerated() {
                guard let j = quality.items.items.firstIndex(of: item) else { continue }
                let alpha = quality.alphas[c]
                table.append([.text(block.code), .text(item), .text(reverseCoded.contains(item) ? "yes" : "no"),
                              .number(quality.items.mean(j)), .number(quality.items.covariance[j, j].squareRoot()),
                              number(quality.cfa.standardizedLoadings[c][k]), number(alpha?.correctedItemTotal[k]),
                              number(alpha?.alphaIfDeleted[k])] + quality.scores.crossLoadings.row(j).map(number))
            }
        }
        return table
    }

    static func number(_ value: Double?) -> CSVTable.Cell {
        guard let value, value.isFinite else { return .missing }
        return .number(value)
    }

    /// measure.md.
    public static func document(_ quality: MeasurementQuality, dataName: String, reverseCoded: [String], commonMethod: CommonMethodBias?) -> ReportDocument {
        var doc = ReportDocument(title: "Measurement quality on \(dataName)")
        let codes = quality.blocks.map(\.code)
        doc.heading("Data")
        var data = "\(quality.items.count) complete rows and \(quality.items.items.count) items in \(codes.count) constructs"
        if quality.items.droppedRows > 0 { data += "; \(quality.items.droppedRows) rows with a missing answer were left out (listwise)" }
        data += reverseCoded.isEmpty ? "." : "; reverse-coded items recoded as min + max - x before any statistic: " + reverseCoded.joined(separator: ", ") + "."
        doc.paragraph(data)

        doc.heading("Reliability and convergent validity")
        var table = ReportTable(header: ["Construct", "Items", "α [95% CI]", "std. α", "ω", "CR", "AVE", "Verdict"])
        var notes: [String] = []
        for (i, block) in quality.blocks.enumerated() {
            let alpha = quality.alphas[i]
            let alphaText = alpha.map { "\(fixed($0.alpha)) [\(fixed($0.feldtLower)), \(fixed($0.feldtUpper))]" } ?? "undefined"
            let cr = quality.cfa.compositeReliability[i], ave = quality.cfa.averageVarianceExtracted[i]
            table.append([label(block), "\(block.items.count)", alphaText, alpha.map { fixed($0.standardizedAlpha) } ?? "undefined",
                          defined(quality.omegas[i]), defined(cr), defined(ave), verdict(alpha: alpha?.alpha, cr: cr, ave: ave)])
            if block.items.count == 1 {
                notes.append("\(block.code) has a single item: alpha, omega, CR and AVE are undefined (reliability cannot be estimated from one item); it enters the CFA with its residual variance fixed at 0.")
            } else if block.items.count == 2 {
                notes.append("\(block.code) has two items: omega needs a one-factor model of at least three items and is undefined.")
            }
        }
        doc.table(table)
        doc.paragraph("α: Cronbach's alpha with Feldt's 95% interval; ω: McDonald's omega total from each construct's one-factor model "
            + "(semTools compRelSEM); CR = (Σl)²/((Σl)² + Σ(1 - l²)) and AVE = mean l² from the standardized loadings l of the CFA of all constructs. "
            + "Thresholds: α ≥ .70 (\(MeasurementThreshold.alpha.source)), CR ≥ .70 (\(MeasurementThreshold.compositeReliability.source)), "
            + "AVE ≥ .50 (\(MeasurementThreshold.averageVarianceExtracted.source)).")
        for note in notes { doc.paragraph(note) }

        doc.heading("Items")
        var itemTable = ReportTable(header: ["Construct", "Item", "Loading", "r (item-rest)", "α if deleted"])
        for (c, block) in quality.blocks.enumerated() {
            for (k, item) in block.items.enumerated() {
                let loading = quality.cfa.standardizedLoadings[c][k]
                itemTable.append([block.code, item + (reverseCoded.contains(item) ? " (R)" : ""),
                                  fixed(loading) + (loading < MeasurementThreshold.loading.value ? " ⚠" : ""),
                                  quality.alphas[c].map { fixed($0.correctedItemTotal[k]) } ?? "",
                                  quality.alphas[c].map { defined($0.alphaIfDeleted[k]) } ?? ""])
            }
        }
        doc.table(itemTable)
        doc.paragraph("Loading: standardized loading in the CFA (⚠ below .70, \(MeasurementThreshold.loading.source)); r (item-rest): corrected item-total correlation; (R): reverse-coded.")

        doc.heading("Discriminant validity")
        doc.paragraph("Fornell-Larcker: the square root of each construct's AVE (diagonal) should exceed its correlations with the other constructs (below the diagonal, from the CFA).")
        var fornell = ReportTable(header: ["Construct"] + codes)
        let fl = quality.fornellLarcker
        for i in codes.indices { fornell.append([codes[i]] + (0...i).map { j in j == i ? "**\(defined(fl[i, j]))**" : fixed(fl[i, j]) } + Array(repeating: "", count: codes.count - i - 1)) }
        doc.table(fornell)
        let failing = codes.indices.filter { quality.passesFornellLarcker($0) == false }.map { codes[$0] }
        doc.paragraph(failing.isEmpty ? "Every construct passes the Fornell-Larcker criterion." : "Fails the Fornell-Larcker criterion: " + failing.joined(separator: ", ") + ".")

        doc.heading("HTMT", level: 3)
        var htmtTable = ReportTable(header: ["Pair", "HTMT", "95% CI", "HTMT2", "95% CI", "Verdict"])
        var problems: [String] = []
        for i in codes.indices {
            for j in 0..<i {
                let value = quality.htmt.ratios[i, j], value2 = quality.htmt2.ratios[i, j]
                var ci = "", ci2 = "", upper = value
                if let boot = quality.htmtBootstrap {
                    ci = "[\(fixed(boot.htmtLower[i, j])), \(fixed(boot.htmtUpper[i, j]))]"
                    ci2 = "[\(fixed(boot.htmt2Lower[i, j])), \(fixed(boot.htmt2Upper[i, j]))]"
                    upper = boot.htmtUpper[i, j]
                }
                let verdict: String
                if !value.isFinite { verdict = "undefined (single item)" }
                else if value >= MeasurementThreshold.htmtLiberal.value { verdict = "not distinct (≥ .90)"; problems.append("\(codes[i])-\(codes[j])") }
                else if value >= MeasurementThreshold.htmtStrict.value { verdict = "distinct only by the liberal .90 cut-off" }
                else if upper >= 1 { verdict = "interval reaches 1"; problems.append("\(codes[i])-\(codes[j])") }
                else { verdict = "distinct" }
                htmtTable.append(["\(codes[i]) – \(codes[j])", defined(value), ci, defined(value2), ci2, verdict])
            }
        }
        doc.table(htmtTable)
        var htmtNote = "HTMT (Henseler, Ringle & Sarstedt 2015) and HTMT2 (geometric means, Roemer, Schuberth & Henseler 2021) of absolute item correlations, as semTools htmt. "
            + "Cut-offs: < .85 strict (\(MeasurementThreshold.htmtStrict.source)), < .90 liberal (\(MeasurementThreshold.htmtLiberal.source))"
        if let boot = quality.htmtBootstrap {
            htmtNote += "; 95% percentile intervals from \(boot.draws) bootstrap draws (seed \(boot.seed)), whose upper bound should stay below 1"
        }
        doc.paragraph(htmtNote + ".")
        doc.paragraph(problems.isEmpty ? "All construct pairs are empirically distinct by HTMT." : "Discriminant validity is in doubt for " + problems.joined(separator: ", ") + ".")

        doc.heading("Cross-loadings", level: 3)
        var cross = ReportTable(header: ["Item"] + codes)
        for (c, block) in quality.blocks.enumerated() {
            for item in block.items {
                guard let j = quality.items.items.firstIndex(of: item) else { continue }
                let row = quality.scores.crossLoadings.row(j)
                let own = row[c]
                cross.append([item] + row.enumerated().map { k, r in k == c ? "**\(fixed(r))**" : fixed(r) + (abs(r) >= own ? " ⚠" : "") })
            }
        }
        doc.table(cross)
        doc.paragraph("Correlation of each item with each construct's mean score; an item should correlate most with its own construct (bold; ⚠ marks a cross-loading as high, Chin 1998).")

        doc.heading("Measurement model fit")
        let m = quality.cfa.measures
        var fitTable = ReportTable(header: ["χ²", "df", "p", "CFI", "TLI", "RMSEA", "SRMR"])
        fitTable.append([fixed(m["chisq"] ?? .nan), fixed(m["df"] ?? .nan, digits: 0), ReportFormat.pValue(m["pvalue"] ?? .nan),
                         fixed(m["cfi"] ?? .nan), fixed(m["tli"] ?? .nan), fixed(m["rmsea"] ?? .nan), fixed(m["srmr"] ?? .nan)])
        doc.table(fitTable)
        doc.paragraph("CFA of all constructs by maximum likelihood (as lavaan's cfa(): first loading fixed to 1, constructs correlated). " + SEMReport.verdict(m))

        if let commonMethod { CommonMethodReport.append(commonMethod, constructs: codes, to: &doc) }
        return doc
    }

    static func label(_ block: ConstructBlock) -> String { block.name == block.code ? block.code : "\(block.name) (\(block.code))" }
    static func fixed(_ value: Double, digits: Int = 3) -> String { ReportFormat.fixed(value, digits: digits) }
    static func defined(_ value: Double) -> String { value.isFinite ? fixed(value) : "undefined" }

    static func verdict(alpha: Double?, cr: Double, ave: Double) -> String {
        guard cr.isFinite, ave.isFinite else { return "not assessable (single item)" }
        var shortfalls: [String] = []
        if let alpha, alpha < MeasurementThreshold.alpha.value { shortfalls.append("α < .70") }
        if cr < MeasurementThreshold.compositeReliability.value { shortfalls.append("CR < .70") }
        if ave < MeasurementThreshold.averageVarianceExtracted.value { shortfalls.append("AVE < .50") }
        return shortfalls.isEmpty ? "reliable and convergent" : shortfalls.joined(separator: ", ")
    }
}
