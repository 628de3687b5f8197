import TrustPathModelSpec
import TrustPathPsychometrics
import TrustPathRegression
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

/// The one-line message of any error the TrustPath libraries throw, for programs that call them
/// directly (the notebooks); the command line maps the same errors to its exit codes.
public enum ErrorDescription {
    public static func message(for error: any Error, modelFile: String = "model") -> String {
        switch error {
        case let error as StudyError: return error.message
        case let error as SurveyError: return error.message
        case let error as InstrumentError: return error.message
        case let error as SEMError: return error.message
        case let error as MultiGroupError: return error.message
        case let error as SimulationError: return error.message(file: modelFile)
        case let error as ModelSpecError: return error.message(file: modelFile)
        case let error as PsychometricsError: return error.message
        case let error as RegressionError: return error.message
        case let error as OutputError: return error.message
        default: return "\(error)"
        }
    }
}
