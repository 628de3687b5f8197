import TrustPathLinalg

/// lavaan's FIML-corrected statistics behind the `.robust` CFI, TLI and RMSEA with missing data
/// (Zhang & Savalei 2023; lavaan's `lav_fit_fiml_corrected`): T̃ = N·F_ML of the estimates against the
/// EM (unrestricted) moments as if they were complete, on the model's df, and a correction c̃ with
/// Wₘ = ⊕f_gA₁g the groups' observed unrestricted information, W_c = ⊕f_gW_cg the complete-data
/// information at the EM moments, U = Wₘ - WₘΔ(ΔᵀWₘΔ)⁻¹ΔᵀWₘ and Δ the model's Jacobian of (μ, vech Σ):
/// - version 3, beside a scaled test: c̃ = tr(U Wₘ⁻¹W_c Wₘ⁻¹ U Γ)/df with Γ = ⊕Wₘg⁻¹B₁gWₘg⁻¹/f_g and
///   B₁ the unrestricted scores' cross-product;
/// - version 6, beside the standard test: c̃ = tr(W_c Wₘ⁻¹ U Wₘ⁻¹)/df.
/// The baseline's alike with the independence model (available-case means and variances; fixed
/// covariates keep their own moments) in place of the model. Fixed covariates' own moments leave
/// every matrix, as they leave lavaan's unrestricted information.
struct FIMLCorrection {
    enum Version { case scaledTest, standardTest }

    /// One group's pieces over its modelled moments (fixed covariates' own left out).
    struct GroupBlock {
        let share: Double
        let a1: Matrix
        let a1Inverse: Matrix
        let complete: Matrix
        let jacobian: Matrix
        let independence: Matrix
        /// The kept moments among (μ, vech Σ), and the groups' degrees of freedom of the baseline.
        let kept: [Int]
        let baselineDF: Double
        /// N_g·F_ML of the estimates, and of the independence model, against the EM moments.
        let chisq: Double
        let baselineChisq: Double

        init(part: RobustML.FIMLGroupPart, saturated: SaturatedMissingModel, share: Double, freeCount q: Int)
            throws(SEMError)
        {
            let model = part.model, patterns = part.patterns, e = part.evaluation, p = model.p, pairs = saturated.pairs
            let fixed = model.fixedCovariateIndices, free = (0..<p).filter { !fixed.contains($0) }
            kept = free + pairs.indices.filter { !(fixed.contains(pairs[$0].i) && fixed.contains(pairs[$0].j)) }.map { p + $0 }
            let emMeans = model.moments.means, emCovariance = model.moments.covariance
            self.share = share
            a1 = try saturated.observedInformation(means: emMeans, covariance: emCovariance).submatrix(kept)
            do { a1Inverse = try a1.inverse() } catch { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
            complete = try saturated.completeDataInformation(covariance: emCovariance).submatrix(kept)
            // Δ in global coordinates.
            let derivatives = ParameterDerivatives(model: model, evaluation: e)
            var jacobian = Matrix(rows: saturated.dimension, columns: q)
            let sigmaRows = derivatives.jacobian(over: pairs, p: p)
            for (a, derivative) in derivatives.parameters.enumerated() {
                let global = part.coordinates[a]
                for (j, value) in derivative.mu.enumerated() { jacobian[j, global] += value }
                for x in pairs.indices { jacobian[p + x, global] += sigmaRows[x, a] }
            }
            self.jacobian = jacobian
            var independence = Matrix(rows: saturated.dimension, columns: 2 * free.count)
            for (column, j) in free.enumerated() {
                independence[j, column] = 1
                independence[p + saturated.pairIndex[j * p + j], free.count + column] = 1
            }
            self.independence = independence.selectingRows(kept)
            baselineDF = Double(RobustML.baselineDF(model))
            let (baselineMeans, baselineVariances) = patterns.availableCaseMoments()
            var baselineCovariance = Matrix(rows: p, columns: p)
            for j in free { baselineCovariance[j, j] = baselineVariances[j] }
            for a in fixed { for b in fixed { baselineCovariance[a, b] = emCovariance[a, b] } }
            let n = Double(patterns.count)
            chisq = n * SaturatedMissingModel.discrepancy(sample: emCovariance, means: emMeans, implied: e.sigma, impliedMeans: e.mu)
            baselineChisq = n * SaturatedMissingModel.discrepancy(
                sample: emCovariance, means: emMeans, implied: baselineCovariance, impliedMeans: baselineMeans)
        }

        /// Δ over the kept moments.
        var keptJacobian: Matrix { jacobian.selectingRows(kept) }
    }

    let chisq: Double
    let scalingFactor: Double
    let baselineChisq: Double
    let baselineScalingFactor: Double

    /// `measures` of a FIML fit over `parts` (one or more groups) with its standard test, followed by
    /// lavaan's `.robust` CFI, TLI and RMSEA from version 6; NaN where the unrestricted information
    /// cannot be inverted (lavaan's NA).
    static func measures(
        _ measures: FitMeasures, standardTestOf parts: [RobustML.FIMLGroupPart], freeCount q: Int, df: Int
    ) -> FitMeasures {
        let total = Double(parts.reduce(0) { $0 + $1.patterns.count })
        var basis = (chisq: Double.nan, scalingFactor: Double.nan, baselineChisq: Double.nan, baselineScalingFactor: Double.nan)
        let blocks = try? parts.map { part throws(SEMError) in
            let p = part.model.p
            let saturated = SaturatedMissingModel(patterns: part.patterns, p: p, pairs: RobustML.vechPairs(p))
            return try GroupBlock(
                part: part, saturated: saturated, share: Double(part.patterns.count) / total, freeCount: q)
        }
        if let blocks {
            let correction = FIMLCorrection(blocks: blocks, df: Double(df), version: .standardTest)
            basis = (correction.chisq, correction.scalingFactor, correction.baselineChisq, correction.baselineScalingFactor)
        }
        let robust = RobustML.robustMeasures(measures, basis: basis, groups: parts.count)
        return measures.appending(robust.indices + robust.rmsea)
    }

    /// `gammas` (each group's Wₘg⁻¹B₁gWₘg⁻¹) only for version 3.
    init(blocks: [GroupBlock], gammas: [Matrix] = [], df: Double, version: Version) {
        let weight = RobustML.blockDiagonal(blocks.map { $0.share * $0.a1 })
        let weightInverse = RobustML.blockDiagonal(blocks.map { (1 / $0.share) * $0.a1Inverse })
        let complete = RobustML.blockDiagonal(blocks.map { $0.share * $0.complete })
        let middle = weightInverse * complete * weightInverse
        let gamma = RobustML.blockDiagonal(zip(blocks, gammas).map { (1 / $0.share) * $1 })
        func trace(_ delta: Matrix) -> Double {
            let weighted = weight * delta
            guard let inner = try? (delta.transposed * weighted).inverse() else { return .nan }
            let u = weight - weighted * inner * weighted.transposed
            switch version {
            case .scaledTest: return RobustML.traceOfProduct(u * middle * u, gamma)
            case .standardTest: return RobustML.traceOfProduct(complete, weightInverse * u * weightInverse)
            }
        }
        let jacobians = blocks.map(\.keptJacobian)
        let stacked = Matrix(
            rows: jacobians.reduce(0) { $0 + $1.rows }, columns: jacobians.first?.columns ?? 0,
            elements: jacobians.flatMap(\.elements))
        chisq = blocks.reduce(0) { $0 + $1.chisq }
        baselineChisq = blocks.reduce(0) { $0 + $1.baselineChisq }
        scalingFactor = trace(stacked) / df
        baselineScalingFactor = trace(RobustML.blockDiagonal(blocks.map(\.independence))) / blocks.reduce(0) { $0 + $1.baselineDF }
    }
}
