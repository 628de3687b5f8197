import ArgumentParser
import TrustPathSEM

/// lavaan's option values on the command line: `--estimator MLR` and `--estimator mlr` alike, the
/// valid values listed by `--help` and in the message for a wrong one.
extension SEMOptions.Estimator: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension SEMOptions.MissingData: ExpressibleByArgument {
    /// lavaan's names: "ml" (and "fiml", "direct") for full-information ML.
    public init?(argument: String) { self.init(lavaanName: argument) }
}

extension SEMOptions.StandardErrors: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension SEMOptions.Information: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension SEMOptions.Test: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension BootstrapInterval: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
