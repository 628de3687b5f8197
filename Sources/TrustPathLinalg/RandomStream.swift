import CGSL

/// A seeded stream of pseudo-random numbers (GSL's MT19937).
///
/// Parallel work stays reproducible by giving every unit of work (one bootstrap draw, one
/// simulated data set) its own stream, ``RandomStream/init(seed:stream:)``: the numbers a draw sees
/// depend on the seed and the draw's index only, never on which thread ran it or in what order.
/// Not `Sendable`: a stream belongs to one task.
public final class RandomStream {
    private let generator: OpaquePointer

    /// The seed actually given to MT19937.
    public let effectiveSeed: UInt64

    /// Stream number `stream` derived from `seed`. Streams with different numbers are seeded by
    /// SplitMix64 (Steele, Lea & Flood 2014) of the pair, so neighbouring indices are unrelated.
    public init(seed: UInt64, stream: UInt64 = 0) {
        GSL.ensureInitialised()
        var mixed = RandomStream.splitMix64(seed ^ RandomStream.splitMix64(stream &+ 0x9E37_79B9_7F4A_7C15))
        // MT19937 in GSL takes an unsigned long seed; 0 selects GSL's default seed, so avoid it.
        if mixed == 0 { mixed = 0x2545_F491_4F6C_DD1D }
        effectiveSeed = mixed
        guard let rng = gsl_rng_alloc(cgsl_rng_mt19937()) else {
            preconditionFailure("internal error: out of memory allocating a random stream")
        }
        gsl_rng_set(rng, UInt(truncatingIfNeeded: mixed))
        generator = OpaquePointer(rng)
    }

    deinit { gsl_rng_free(UnsafeMutablePointer(generator)) }

    private var rng: UnsafeMutablePointer<gsl_rng> { UnsafeMutablePointer(generator) }

    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform integer in 0..<bound, bound > 0 (unbiased, GSL `gsl_rng_uniform_int`).
    public func integer(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(gsl_rng_uniform_int(rng, UInt(bound)))
    }

    /// Normal with mean `mean` and standard deviation `sd` (GSL's ziggurat method).
    public func normal(mean: Double = 0, sd: Double = 1) -> Double {
        mean + gsl_ran_gaussian_ziggurat(rng, sd)
    }

    /// SplitMix64 finaliser: a bijective 64-bit mix.
    static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
