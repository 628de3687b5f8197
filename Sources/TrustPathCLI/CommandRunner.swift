import ArgumentParser
import Foundation
import TrustPathLinalg
import TrustPathReport
import TrustPathSurvey

/// Parses the arguments, runs the verb and maps what went wrong to an exit code:
/// 0 success, 1 bad input, 2 usage, 3 the model could not be estimated.
/// Every message goes to standard error as one line, `trustpath: error: ...`.
public enum CommandRunner {
    public enum ExitStatus: Int32 {
        case success = 0, badInput = 1, usage = 2, estimationFailed = 3
    }

    public static func run(arguments: [String], console: Console) -> Int32 {
        let command: any ParsableCommand
        do {
            command = try TrustPathCommand.parseAsRoot(arguments)
        } catch {
            let code = TrustPathCommand.exitCode(for: error)
            let text = TrustPathCommand.fullMessage(for: error)
            if code == .success {
                console.write(text.hasSuffix("\n") ? text : text + "\n")
                return ExitStatus.success.rawValue
            }
            console.writeError(text.hasSuffix("\n") ? text : text + "\n")
            return ExitStatus.usage.rawValue
        }
        do {
            if let verb = command as? any TrustPathVerb {
                try verb.execute(console: console)
            } else {
                console.write(TrustPathCommand.helpMessage() + "\n")
            }
            return ExitStatus.success.rawValue
        } catch {
            let (status, message) = describe(error)
            console.writeError("trustpath: error: \(message)\n")
            return status.rawValue
        }
    }

    /// The exit status and one-line message for an error a verb threw.
    static func describe(_ error: any Error) -> (ExitStatus, String) {
        switch error {
        case let error as SurveyError: return (.badInput, error.message)
        case let error as OutputError: return (.badInput, error.message)
        case let error as GSLError: return (.estimationFailed, error.description)
        case let error as ValidationError: return (.usage, error.message)
        default: return (.badInput, "\(error)")
        }
    }
}

/// A subcommand that runs against a ``Console`` (so tests can capture its output).
protocol TrustPathVerb: ParsableCommand {
    func execute(console: Console) throws
}

extension TrustPathVerb {
    /// Not used by `trustpath` itself (``CommandRunner`` calls `execute`); present for ArgumentParser.
    public func run() throws { try execute(console: .standard) }
}
