import TrustPathSEM

/// The CSV files of `trustpath cfa` / `trustpath sem`, with lavaan's column names so that every
/// number can be diffed against `parameterEstimates()`, `fitMeasures()`, `modindices()` and
/// `lavResiduals()`.
public enum SEMTables {
    /// estimates.csv: one row per parameter in lavaan's order; fixed rows have empty se, z and p
    /// (lavaan prints se 0 and NA).
    /// `inference` gives each row's se, z, p and interval (normal theory or bootstrap).
    public static func estimates(_ fit: SEMFit, inference: [Inference]) -> CSVTable {
        estimates(fit.estimates, inference: inference)
    }

    /// estimates.csv of any list of estimate rows (a multi-group fit lists group 1's rows, then group 2's).
    public static func estimates(_ estimates: [ParameterEstimate], inference: [Inference]) -> CSVTable {
        var table = CSVTable(header: ["lhs", "op", "rhs", "group", "label", "est", "se", "z", "pvalue",
                                      "ci.lower", "ci.upper", "std.lv", "std.all"])
        for (e, i) in zip(estimates, inference) {
            table.append([.text(e.lhs), .text(e.op), .text(e.rhs), .integer(e.group), .text(e.label),
                          .number(e.estimate), e.isFree ? .number(i.standardError) : .empty,
                          e.isFree ? .number(i.zValue) : .empty, e.isFree ? .number(i.pValue) : .empty,
                          .number(i.lower), .number(i.upper), .number(e.stdLV), .number(e.stdAll)])
        }
        return table
    }

    /// effects.csv: one row per structural effect; `through` lists a specific path's mediators
    /// separated by `>`.
    public static func effects(_ effects: [StructuralEffect], inference: [Inference]) -> CSVTable {
        var table = CSVTable(header: ["kind", "from", "to", "through", "est", "se", "z", "pvalue", "ci.lower", "ci.upper", "std.all"])
        for (e, i) in zip(effects, inference) {
            table.append([.text(e.kind.rawValue), .text(e.from), .text(e.to), .text(e.through.joined(separator: ">")),
                          .number(e.estimate), .number(i.standardError), .number(i.zValue), .number(i.pValue),
                          .number(i.lower), .number(i.upper), .number(e.stdAll)])
        }
        return table
    }

    /// standardized.csv: std.all with its standard error, test and interval, with the columns of
    /// lavaan's `standardizedSolution()`.
    public static func standardized(_ fit: SEMFit, inference: [Inference]) -> CSVTable {
        var table = CSVTable(header: ["lhs", "op", "rhs", "group", "est.std", "se", "z", "pvalue", "ci.lower", "ci.upper"])
        for (e, i) in zip(fit.estimates, inference) {
            table.append([.text(e.lhs), .text(e.op), .text(e.rhs), .integer(e.group), .number(e.stdAll), .number(i.standardError),
                          i.zValue.isNaN ? .empty : .number(i.zValue), i.pValue.isNaN ? .empty : .number(i.pValue),
                          .number(i.lower), .number(i.upper)])
        }
        return table
    }

    /// fit.csv: `measure,value` in fitMeasures' order.
    public static func fit(_ measures: FitMeasures) -> CSVTable {
        var table = CSVTable(header: ["measure", "value"])
        for (name, value) in measures.values { table.append([.text(name), .number(value)]) }
        return table
    }

    /// modindices.csv.
    public static func modificationIndices(_ indices: [ModificationIndex]) -> CSVTable {
        var table = CSVTable(header: ["lhs", "op", "rhs", "group", "mi", "epc", "sepc.lv", "sepc.all"])
        for m in indices {
            table.append([.text(m.lhs), .text(m.op), .text(m.rhs), .integer(m.group),
                          .number(m.mi), .number(m.epc), .number(m.sepcLV), .number(m.sepcAll)])
        }
        return table
    }

    /// residuals.csv: `type,row,col,value`.
    public static func residuals(_ fit: SEMFit) -> CSVTable { residuals(fit.residuals) }

    /// residuals.csv: type, row, col, value.
    public static func residuals(_ rows: [SEMFit.Residual]) -> CSVTable {
        var table = CSVTable(header: ["type", "row", "col", "value"])
        for r in rows { table.append([.text(r.type), .text(r.row), .text(r.column), .number(r.value)]) }
        return table
    }
}
