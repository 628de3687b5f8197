import TrustPathLinalg
import TrustPathPLS

/// The CSV tables and report.md of `trustpath pls`.
public enum PLSReport {
    /// What was estimated, for the tables and the report.
    public struct Result: Sendable {
        public let estimate: PLSEstimate
        public let quality: PLSQuality
        public let bootstrap: PLSBootstrap?
        /// Consistent PLS estimates, when asked for.
        public let consistent: ConsistentPLS?
        public let prediction: PLSPrediction?
        public let data: StandardizedData
        public init(estimate: PLSEstimate, quality: PLSQuality, bootstrap: PLSBootstrap?, consistent: ConsistentPLS?, prediction: PLSPrediction?,
                    data: StandardizedData) {
            self.estimate = estimate
            self.quality = quality
            self.bootstrap = bootstrap
            self.consistent = consistent
            self.prediction = prediction
            self.data = data
        }
    }

    /// estimates.csv: loadings (=~), weights (<~), paths (lhs ~ rhs, as lavaan writes them), R² (r2),
    /// and total and indirect effects (`total`, `indirect`), with bootstrap columns when bootstrapped;
    /// f² and VIF on path rows, the indicator's VIF on loading rows.
    public static func estimates(_ result: Result) -> CSVTable {
        var table = CSVTable(header: ["lhs", "op", "rhs", "est", "boot.mean", "se", "t", "pvalue", "ci.lower", "ci.upper", "f2", "vif"])
        let estimate = result.consistent?.estimate ?? result.estimate, model = estimate.model, quality = result.quality
        let names = model.constructs.map(\.name)
        let boot = result.bootstrap
        func row(_ lhs: String, _ op: String, _ rhs: String, _ value: Double, _ statistic: PLSBootstrap.Statistic?, f2: Double = .nan, vif: Double = .nan) {
            var cells: [CSVTable.Cell] = [.text(lhs), .text(op), .text(rhs), .number(value)]
            if let s = statistic, !s.draws.isEmpty {
                let ci = s.interval()
                cells += [.number(s.mean), .number(s.standardError), .number(s.tValue), .number(s.pValue), .number(ci.lower), .number(ci.upper)]
            } else {
                cells += Array(repeating: .missing, count: 6)
            }
            cells += [f2.isNaN ? .missing : .number(f2), vif.isNaN ? .missing : .number(vif)]
            table.append(cells)
        }
        var k = 0
        for (j, construct) in model.constructs.enumerated() {
            for (i, indicator) in construct.indicators.enumerated() {
                row(construct.name, "=~", indicator, estimate.loadings[j][i], boot?.loadings[k], vif: quality.outerVIF[j][i])
                k += 1
            }
        }
        k = 0
        for (j, construct) in model.constructs.enumerated() {
            for (i, indicator) in construct.indicators.enumerated() {
                row(construct.name, "<~", indicator, estimate.weights[j][i], boot?.weights[k])
                k += 1
            }
        }
        for (p, path) in model.paths.enumerated() {
            row(names[path.to], "~", names[path.from], estimate.pathCoefficients[path.from, path.to], boot?.paths[p],
                f2: quality.fSquared[path.from, path.to], vif: quality.innerVIF[path.from, path.to])
        }
        for j in model.endogenous { row(names[j], "r2", names[j], estimate.rSquared[j], nil) }
        let effects = PLSEffects(estimate)
        for (e, pair) in effects.pairs.enumerated() {
            row(names[pair.to], "total", names[pair.from], effects.total[pair.from, pair.to], boot?.totalEffects[e])
        }
        for (e, pair) in effects.pairs.enumerated() where effects.hasIndirectRoute[e] {
            row(names[pair.to], "indirect", names[pair.from], effects.indirect[pair.from, pair.to], boot?.indirectEffects[e])
        }
        return table
    }

    /// quality.csv: one row per construct.
    public static func quality(_ result: Result) -> CSVTable {
        let estimate = result.consistent?.estimate ?? result.estimate, q = result.quality
        var table = CSVTable(header: ["construct", "mode", "n_items", "alpha", "rhoC", "AVE", "rhoA", "r2", "r2.adj"])
        for (j, construct) in estimate.model.constructs.enumerated() {
            table.append([.text(construct.name), .text(construct.mode.rawValue), .integer(construct.indicators.count),
                          .number(q.alpha[j]), .number(q.rhoC[j]), .number(q.averageVarianceExtracted[j]), .number(q.rhoA[j]),
                          estimate.rSquared[j].isNaN ? .missing : .number(estimate.rSquared[j]),
                          estimate.adjustedRSquared[j].isNaN ? .missing : .number(estimate.adjustedRSquared[j])])
        }
        return table
    }

    /// validity.csv: the Fornell-Larcker matrix.
    public static func fornellLarcker(_ result: Result) -> CSVTable {
        let names = result.estimate.model.constructs.map(\.name)
        var table = CSVTable(header: ["construct"] + names)
        for (i, name) in names.enumerated() { table.append([.text(name)] + result.quality.fornellLarcker.row(i).map { .number($0) }) }
        return table
    }

    /// htmt.csv: each pair's HTMT, with its bootstrap percentile interval when bootstrapped.
    public static func htmt(_ result: Result) -> CSVTable {
        let names = result.estimate.model.constructs.map(\.name)
        var table = CSVTable(header: ["construct1", "construct2", "htmt", "ci.lower", "ci.upper"])
        var k = 0
        for i in names.indices {
            for j in 0..<i {
                var cells: [CSVTable.Cell] = [.text(names[i]), .text(names[j]), .number(result.quality.htmt[i, j])]
                if let s = result.bootstrap?.htmt[k], !s.draws.isEmpty {
                    let ci = s.interval(level: 0.90)
                    cells += [.number(ci.lower), .number(ci.upper)]
                } else {
                    cells += [.missing, .missing]
                }
                table.append(cells)
                k += 1
            }
        }
        return table
    }
}

extension PLSReport {
    /// scores.csv: the standardized construct scores of each analysed row (no identifying column).
    public static func scores(_ result: Result) -> CSVTable {
        let estimate = result.estimate, names = estimate.model.constructs.map(\.name), k = names.count
        var table = CSVTable(header: names)
        for r in 0..<estimate.count { table.append((0..<k).map { .number(estimate.scores[r * k + $0]) }) }
        return table
    }

    /// predict.csv: per predicted indicator, PLS and LM errors and Q²predict.
    public static func prediction(_ result: Result) -> CSVTable? {
        guard let prediction = result.prediction else { return nil }
        var table = CSVTable(header: ["construct", "indicator", "pls.rmse", "pls.mae", "lm.rmse", "lm.mae", "q2predict", "pls.below.lm"])
        for i in prediction.indicators {
            table.append([.text(i.construct), .text(i.name), .number(i.plsRMSE), .number(i.plsMAE), .number(i.lmRMSE), .number(i.lmMAE),
                          .number(i.q2predict), .text(i.plsRMSE < i.lmRMSE ? "yes" : "no")])
        }
        return table
    }

    /// report.md: the model, the structural results in words, then the tables a PLS-SEM paper prints
    /// (Hair et al. 2022's reporting order: measurement model, then structural model, then prediction).
    public static func document(_ result: Result, modelName: String, dataName: String) -> ReportDocument {
        let estimate = result.consistent?.estimate ?? result.estimate, model = estimate.model, q = result.quality
        let names = model.constructs.map(\.name)
        var doc = ReportDocument(title: "PLS-SEM of \(modelName) on \(dataName)")
        doc.heading("Model")
        let modes = model.constructs.map { "\($0.name) (\($0.mode == .a ? "reflective" : "composite"), \($0.indicators.count) indicators)" }
        doc.paragraph("PLS path modelling (\(result.estimate.weighting.rawValue) weighting\(result.consistent != nil ? "; consistent PLS, PLSc" : "")) of "
            + modes.joined(separator: ", ") + "; N = \(result.data.count)"
            + (result.data.droppedRows > 0 ? " complete rows (\(result.data.droppedRows) rows with a missing indicator were left out)" : "")
            + "; converged after \(result.estimate.iterations) iterations. Indicators standardized with divisor n - 1, as seminr and SmartPLS. "
            + "PLS estimates composites of the indicators, CB-SEM (trustpath sem) common factors: PLS loadings run higher and paths lower "
            + "than CB-SEM's unless PLSc corrects them.")
        if let boot = result.bootstrap {
            let bca = !(boot.paths.first?.jackknife.isEmpty ?? true)
            doc.paragraph("Standard errors, t values and 95% \(bca ? "BCa (bias-corrected and accelerated, jackknife acceleration)" : "percentile") intervals from \(boot.draws - boot.failed) bootstrap draws (seed \(boot.seed)"
                + (boot.failed > 0 ? "; \(boot.failed) draws did not converge and were left out" : "")
                + "), without sign correction (seminr's and SmartPLS's default); p-values from t on B - 1 degrees of freedom.")
        }
        doc.heading("Measurement model")
        var reliability = ReportTable(header: ["construct", "mode", "alpha", "rhoC", "rhoA", "AVE", "meets"])
        for (j, construct) in model.constructs.enumerated() {
            let meets = construct.mode == .b ? "composite: judge by weights and VIF"
                : (q.rhoC[j] >= 0.7 && q.averageVarianceExtracted[j] >= 0.5 ? "yes (ρC ≥ .70, AVE ≥ .50)" : "no (ρC ≥ .70 and AVE ≥ .50 needed)")
            reliability.append([construct.name, construct.mode.rawValue, ReportFormat.fixed(q.alpha[j]), ReportFormat.fixed(q.rhoC[j]),
                                ReportFormat.fixed(q.rhoA[j]), ReportFormat.fixed(q.averageVarianceExtracted[j]), meets])
        }
        doc.table(reliability)
        var htmt = ReportTable(header: ["pair", "HTMT", "90% CI", "below .85"])
        var k = 0
        for i in names.indices {
            for j in 0..<i {
                let value = q.htmt[i, j]
                var interval = ""
                if let s = result.bootstrap?.htmt[k], !s.draws.isEmpty {
                    let ci = s.interval(level: 0.90)
                    interval = "[\(ReportFormat.fixed(ci.lower)), \(ReportFormat.fixed(ci.upper))]"
                }
                htmt.append(["\(names[i]) / \(names[j])", ReportFormat.fixed(value), interval, value < 0.85 ? "yes" : "no"])
                k += 1
            }
        }
        doc.paragraph("Discriminant validity by HTMT (Henseler, Ringle & Sarstedt 2015): below .85 (conservative) or .90, and the "
            + "bootstrap interval's upper bound below 1.")
        doc.table(htmt)
        doc.heading("Structural model")
        var paths = ReportTable(header: ["path", "coefficient", "se", "t", "p", "95% CI", "f²", "VIF"])
        for (p, path) in model.paths.enumerated() {
            let value = estimate.pathCoefficients[path.from, path.to]
            var cells = ["\(names[path.from]) → \(names[path.to])", ReportFormat.fixed(value)]
            if let s = result.bootstrap?.paths[p], !s.draws.isEmpty {
                let ci = s.interval()
                cells += [ReportFormat.fixed(s.standardError), ReportFormat.fixed(s.tValue, digits: 2), ReportFormat.pValue(s.pValue),
                          "[\(ReportFormat.fixed(ci.lower)), \(ReportFormat.fixed(ci.upper))]"]
            } else {
                cells += ["", "", "", ""]
            }
            cells += [ReportFormat.fixed(q.fSquared[path.from, path.to]), ReportFormat.fixed(q.innerVIF[path.from, path.to])]
            paths.append(cells)
        }
        doc.table(paths)
        let r2 = model.endogenous.map { "\(names[$0]) \(ReportFormat.fixed(estimate.rSquared[$0])) (adjusted \(ReportFormat.fixed(estimate.adjustedRSquared[$0])))" }
        doc.paragraph("R²: " + r2.joined(separator: "; ") + ". f² of .02, .15 and .35 are small, medium and large effects (Cohen 1988); "
            + "inner VIF above 5 signals collinear predictors.")
        if let prediction = result.prediction {
            doc.heading("Prediction (PLSpredict)")
            doc.paragraph("\(prediction.folds)-fold cross-validation repeated \(prediction.repetitions) times (seed \(prediction.seed)): PLS predicts "
                + "\(prediction.plsBeatsLM) of \(prediction.indicators.count) indicators with a lower RMSE than the linear benchmark, so its "
                + "predictive power is \(prediction.predictivePower) (Shmueli et al. 2019). Every value is in predict.csv.")
        }
        return doc
    }

    /// What the terminal shows: the paths and R².
    public static func terminalSummary(_ result: Result) -> String {
        let estimate = result.consistent?.estimate ?? result.estimate, model = estimate.model
        let names = model.constructs.map(\.name)
        var out = "TrustPath pls: \(model.constructs.count) constructs, N = \(result.data.count), \(result.estimate.weighting.rawValue) weighting"
            + (result.consistent != nil ? ", PLSc" : "") + ", converged in \(result.estimate.iterations) iterations\n"
        var table = ReportTable(header: ["path", "coefficient", "t", "p"])
        for (p, path) in model.paths.enumerated() {
            let s = result.bootstrap?.paths[p]
            table.append(["\(names[path.from]) -> \(names[path.to])", ReportFormat.fixed(estimate.pathCoefficients[path.from, path.to]),
                          s.map { ReportFormat.fixed($0.tValue, digits: 2) } ?? "", s.map { ReportFormat.pValue($0.pValue) } ?? ""])
        }
        out += PlainTextRenderer.render(table)
        out += "R²: " + model.endogenous.map { "\(names[$0]) \(ReportFormat.fixed(estimate.rSquared[$0]))" }.joined(separator: ", ") + "\n"
        return out
    }
}
