import Foundation
import TrustPathLinalg

/// PLSpredict (Shmueli, Ray, Velasquez Estrada & Chatla 2016; Shmueli et al. 2019, "Predictive
/// model assessment in PLS-SEM: guidelines for using PLSpredict", European Journal of Marketing
/// 53(11)): k-fold cross-validated predictions of the endogenous constructs' indicators, repeated
/// with fresh random folds (repetition r shuffles the rows with random stream r of the seed).
/// In each fold the model is estimated on the training rows; the holdout rows are standardized
/// with the training means and deviations, scored with the training weights, and each endogenous
/// construct is predicted from its direct antecedents' scores (seminr's `predict_DA`), its
/// reflective indicators as loading × predicted score, back in the original units. The benchmark
/// (LM) regresses each such indicator on every indicator of the exogenous constructs. Predictions
/// are averaged over repetitions; RMSE and MAE compare them with the data, and
/// Q²predict = 1 - Σ(y - ŷ)²/Σ(y - ȳ_training)², the naive benchmark being the training mean.
public struct PLSPrediction: Sendable {
    public struct Indicator: Sendable {
        public let construct: String
        public let name: String
        public let plsRMSE: Double, plsMAE: Double
        public let lmRMSE: Double, lmMAE: Double
        public let q2predict: Double
    }

    public let folds: Int
    public let repetitions: Int
    public let seed: UInt64
    public let indicators: [Indicator]

    /// How many predicted indicators PLS predicts with a lower RMSE than LM.
    public var plsBeatsLM: Int { indicators.filter { $0.plsRMSE < $0.lmRMSE }.count }

    /// Shmueli et al.'s (2019) reading: PLS below LM's RMSE for all indicators, the majority, a minority, none.
    public var predictivePower: String {
        let wins = plsBeatsLM, total = indicators.count
        if indicators.contains(where: { $0.q2predict <= 0 }) { return "none (Q²predict ≤ 0 for some indicator)" }
        if wins == total { return "high" }
        if wins * 2 > total { return "medium" }
        if wins > 0 { return "low" }
        return "none"
    }

    public init(model: PLSModel, data: StandardizedData, weighting: PLSEstimate.Weighting, folds: Int = 10, repetitions: Int = 10,
                seed: UInt64 = 1, jobs: Int = 1) throws(PLSError) {
        let n = data.count, p = data.names.count
        guard folds >= 2, n >= 2 * folds else { throw .tooFewRows(rows: n, needed: 2 * folds) }
        let targets = model.endogenous.flatMap { j in
            model.constructs[j].mode == .a ? model.constructs[j].indicators.compactMap { data.names.firstIndex(of: $0) }.map { (construct: j, column: $0) } : []
        }
        let exogenousColumns = model.constructs.indices.filter { model.predecessors(of: $0).isEmpty }
            .flatMap { model.constructs[$0].indicators.compactMap { data.names.firstIndex(of: $0) } }
        let runs = ParallelMap.run(count: repetitions, jobs: jobs) { r -> ([Double], [Double], [Double])? in
            let stream = RandomStream(seed: seed, stream: UInt64(r))
            var order = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, stream.integer(below: i + 1)) }
            var pls = [Double](repeating: .nan, count: n * targets.count), lm = pls, naive = pls
            for f in 0..<folds {
                let holdout = order.indices.filter { $0 % folds == f }.map { order[$0] }
                let holdoutSet = Set(holdout)
                let training = (0..<n).filter { !holdoutSet.contains($0) }
                guard let trainingData = try? data.resampled(training),
                      let fit = try? PLSEstimate(model: model, data: trainingData, weighting: weighting) else { return nil }
                let lmCoefficients = targets.map { target in Self.ols(trainingData, y: target.column, x: exogenousColumns) }
                for row in holdout {
                    let z = (0..<p).map { (data.raw[row * p + $0] - trainingData.means[$0]) / trainingData.deviations[$0] }
                    let scores = model.constructs.indices.map { j in
                        zip(model.constructs[j].indicators, fit.weights[j]).reduce(0.0) { sum, pair in
                            sum + (data.names.firstIndex(of: pair.0).map { z[$0] } ?? 0) * pair.1
                        }
                    }
                    for (t, target) in targets.enumerated() {
                        let j = target.construct
                        let predictedScore = model.predecessors(of: j).reduce(0.0) { $0 + fit.pathCoefficients[$1, j] * scores[$1] }
                        let k = model.constructs[j].indicators.firstIndex(of: data.names[target.column]) ?? 0
                        let mean = trainingData.means[target.column], sd = trainingData.deviations[target.column]
                        pls[row * targets.count + t] = mean + sd * fit.loadings[j][k] * predictedScore
                        let coefficients = lmCoefficients[t]
                        lm[row * targets.count + t] = mean + sd * zip(exogenousColumns, coefficients).reduce(0.0) { $0 + z[$1.0] * $1.1 }
                        naive[row * targets.count + t] = mean
                    }
                }
            }
            return (pls, lm, naive)
        }
        let successful = runs.compactMap { $0 }
        guard !successful.isEmpty else { throw .notConverged(iterations: PLSEstimate.maximumIterations, change: .nan) }
        func averaged(_ k: Int) -> [Double] {
            (0..<(n * targets.count)).map { i in successful.reduce(0.0) { $0 + [$1.0, $1.1, $1.2][k][i] } / Double(successful.count) }
        }
        let pls = averaged(0), lm = averaged(1), naive = averaged(2)
        indicators = targets.enumerated().map { t, target in
            var se = 0.0, ae = 0.0, seLM = 0.0, aeLM = 0.0, seNaive = 0.0
            for row in 0..<n {
                let y = data.raw[row * p + target.column], i = row * targets.count + t
                se += (y - pls[i]) * (y - pls[i]); ae += abs(y - pls[i])
                seLM += (y - lm[i]) * (y - lm[i]); aeLM += abs(y - lm[i])
                seNaive += (y - naive[i]) * (y - naive[i])
            }
            let m = Double(n)
            return Indicator(construct: model.constructs[target.construct].name, name: data.names[target.column],
                             plsRMSE: (se / m).squareRoot(), plsMAE: ae / m, lmRMSE: (seLM / m).squareRoot(), lmMAE: aeLM / m,
                             q2predict: 1 - se / seNaive)
        }
        self.folds = folds
        self.repetitions = repetitions
        self.seed = seed
    }

    /// Standardized OLS coefficients of column y on columns x in `data` (zeros where singular).
    static func ols(_ data: StandardizedData, y: Int, x: [Int]) -> [Double] {
        let p = data.names.count, n = data.count
        var xtx = Matrix(rows: x.count, columns: x.count)
        var xty = [Double](repeating: 0, count: x.count)
        for r in 0..<n {
            let row = r * p
            for (a, i) in x.enumerated() {
                let xi = data.values[row + i]
                xty[a] += xi * data.values[row + y]
                for (b, l) in x.enumerated() where b <= a { xtx[a, b] += xi * data.values[row + l] }
            }
        }
        for a in x.indices { for b in 0..<a { xtx[b, a] = xtx[a, b] } }
        return (try? xtx.solve(xty)) ?? [Double](repeating: 0, count: x.count)
    }
}
