import ArgumentParser
import Foundation
import TrustPathLinalg
import TrustPathPsychometrics
import TrustPathStudy
import TrustPathRegression
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

/// Parses the arguments, runs the verb and maps what went wrong to an exit code:
/// 0 success, 1 bad input, 2 usage, 3 the model could not be estimated.
/// Every message goes to standard error as one line, `trustpath: error: ...`.
public enum CommandRunner {
    public enum ExitStatus: Int32 {
        case success = 0, badInput = 1, usage = 2, estimationFailed = 3
    }

    public static func run(arguments: [String], console: Console) -> Int32 {
        do {
            let command = try TrustPathCommand.parseAsRoot(arguments)
            if let verb = command as? any TrustPathVerb {
                try verb.execute(console: console)
            } else {
                var other = command  // ArgumentParser's own: help, or the root without a verb
                try other.run()
            }
            return ExitStatus.success.rawValue
        } catch let error as SurveyError {
            return fail(.badInput, error.message, console)
        } catch let error as OutputError {
            return fail(.badInput, error.message, console)
        } catch let error as InstrumentError {
            return fail(.badInput, error.message, console)
        } catch let error as StudyError {
            return fail(.badInput, error.message, console)
        } catch let error as PsychometricsError {
            return fail(.badInput, error.message, console)
        } catch let error as RegressionError {
            return fail(.badInput, error.message, console)
        } catch let error as ValidationError {
            return fail(.usage, error.message, console)
        } catch let error as CLIError {
            return fail(error.isEstimationFailure ? .estimationFailed : .badInput, error.message, console)
        } catch let error as GSLError {
            return fail(.estimationFailed, error.description, console)
        } catch {
            // ArgumentParser's errors: a help or version request, or a usage error with the usage text.
            let text = TrustPathCommand.fullMessage(for: error)
            let line = text.hasSuffix("\n") ? text : text + "\n"
            if TrustPathCommand.exitCode(for: error) == .success {
                console.write(line)
                return ExitStatus.success.rawValue
            }
            console.writeError(line)
            return ExitStatus.usage.rawValue
        }
    }

    private static func fail(_ status: ExitStatus, _ message: String, _ console: Console) -> Int32 {
        console.writeError("trustpath: error: \(message)\n")
        return status.rawValue
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
