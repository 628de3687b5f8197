import ArgumentParser
import TrustPathReport

/// The `trustpath` command: survey research on trust, from questionnaire export to report.
struct TrustPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustpath",
        abstract: "Survey research on trust in social cross-border e-commerce: from questionnaire data to tested answers.",
        discussion: """
            Exit status: 0 success, 1 bad input, 2 usage error, 3 the model could not be estimated.
            Run 'trustpath help <verb>' or 'trustpath <verb> --help' for a verb's options and an example.
            """,
        version: TrustPathVersion.current,
        subcommands: [RunCommand.self, DescribeCommand.self, CFACommand.self, SEMCommand.self, ScreenCommand.self, MeasureCommand.self, FactorCommand.self, RegressCommand.self, ProcessCommand.self, SimulateCommand.self, InvarianceCommand.self, CompareCommand.self, PLSCommand.self, ConvertCommand.self, InstrumentCommand.self]
    )
}


extension TrustPathCommand {
    /// `trustpath` alone: show what it can do.
    func run() throws { throw CleanExit.helpRequest(TrustPathCommand.self) }
}
