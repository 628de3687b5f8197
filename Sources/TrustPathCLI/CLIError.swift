import TrustPathModelSpec
import TrustPathPLS
import TrustPathSEM

/// Input problems found by the command line itself.
enum CLIError: Error {
    case unreadableModel(file: String)
    case model(file: String, ModelSpecError)
    /// The model could not be fitted to the data: bad input (exit 1) or failed estimation (exit 3).
    case fit(model: String, SEMError)
    /// A population model that cannot be simulated from, or simulation options that do not fit it.
    case simulation(model: String, SimulationError)
    /// A multi-group model that cannot be set up (too few groups, a group too small, a bad --group-equal).
    case groups(model: String, MultiGroupError)
    /// A PLS path model that cannot be set up (exit 1) or estimated (exit 3).
    case pls(model: String, PLSError)

    /// A failed ``SEM/fit(model:data:options:progress:)`` as the command line reports it: the model
    /// file's own errors with their line and column, the data's as the readers word them.
    init(fitting error: SEMError, model: String) {
        switch error {
        case .model(let specification): self = .model(file: model, specification)
        case .groups(let groups): self = .groups(model: model, groups)
        default: self = .fit(model: model, error)
        }
    }

    var isEstimationFailure: Bool {
        if case .fit(_, let error) = self { return error.isEstimationFailure }
        if case .pls(_, let error) = self { return error.isEstimationFailure }
        return false
    }

    var message: String {
        switch self {
        case .unreadableModel(let file): return "\(file): the model file cannot be read (no such file, or not UTF-8 text)"
        case .model(let file, let error): return error.message(file: file)
        case .fit(let model, let error): return "\(model): \(error.message)"
        case .simulation(let model, let error): return error.message(file: model)
        case .groups(let model, let error): return "\(model): \(error.message)"
        case .pls(let model, let error): return error.message(file: model)
        }
    }
}
