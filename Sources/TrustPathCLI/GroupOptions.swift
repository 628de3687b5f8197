import ArgumentParser
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// `--group`, `--group-equal` and `--group-partial`, shared by `cfa`, `sem` and `invariance`.
struct GroupOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Fit the model in each group of this column (groups numbered by first appearance, as lavaan).", valueName: "column"))
    var group: String?

    @Option(help: ArgumentHelp("Hold these parameters equal across groups: loadings, intercepts, thresholds (ordinal items, with --ordered), means, residuals, residual.covariances, lv.variances, lv.covariances, regressions (comma-separated).",
                               valueName: "classes"))
    var groupEqual: String = ""

    @Option(help: ArgumentHelp("Free these parameters in each group despite --group-equal, e.g. \"visual =~ x2, x1 ~ 1\" (an ordinal item's threshold: \"x1 | t2\").", valueName: "parameters"))
    var groupPartial: String = ""

    var partialList: [String] { DataOptions.list(groupPartial) }

    func validate() throws {
        for name in DataOptions.list(groupEqual) where MultiGroupModel.EqualityClass(rawValue: name) == nil {
            throw ValidationError(MultiGroupError.unknownEqualityClass(name, suggestion: NameSuggestion.closest(
                to: name, among: MultiGroupModel.EqualityClass.allCases.map(\.rawValue))).message)
        }
    }

    /// The --group-equal classes (checked by ``validate()``).
    var equalityClasses: Set<MultiGroupModel.EqualityClass> { Set(DataOptions.list(groupEqual).compactMap(MultiGroupModel.EqualityClass.init)) }

    /// Runs `work`, turning the model's and the groups' errors into the command line's.
    static func fitting<T>(model: String, _ work: () throws -> T) throws -> T {
        do { return try work() } catch let error as ModelSpecError {
            throw CLIError.model(file: model, error)
        } catch let error as SEMError {
            throw CLIError.fit(model: model, error)
        } catch let error as MultiGroupError {
            throw CLIError.groups(model: model, error)
        }
    }
}
