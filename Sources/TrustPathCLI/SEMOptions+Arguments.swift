import ArgumentParser
import TrustPathResampling
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

/// `--ordered all` or `--ordered COLUMN,COLUMN,...` (lavaan's `ordered = TRUE` or a list of names).
extension SEMOptions.Ordered: ExpressibleByArgument {
    public init?(argument: String) {
        let names = DataOptions.list(argument)
        guard !names.isEmpty else { return nil }
        self = argument.lowercased() == "all" ? .all : .variables(names)
    }
}

extension SEMOptions.Test: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// TrustPath's names, and lavaan's `boot.ci.type` names for the same intervals.
extension BootstrapInterval: ExpressibleByArgument {
    public init?(argument: String) {
        let lavaanNames: [String: BootstrapInterval] = ["perc": .percentile, "bca.simple": .bc, "norm": .normal]
        guard let interval = lavaanNames[argument.lowercased()] ?? BootstrapInterval(rawValue: argument.lowercased())
        else { return nil }
        self = interval
    }
}
