import Foundation

/// Rounding for reading (Markdown and terminal); CSV keeps full precision.
public enum ReportFormat {
    /// Fixed decimals; "NA" for NaN.
    public static func fixed(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NA" : (value > 0 ? "Inf" : "-Inf") }
        let text = String(format: "%.\(digits)f", value)
        // "-0.000" reads as a sign without a value.
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// A p-value as APA style prints it: three decimals, "< .001" below that, no leading zero.
    public static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "NA" }
        if p < 0.001 { return "< .001" }
        let text = String(format: "%.3f", p)
        return text.hasPrefix("0") ? String(text.dropFirst()) : text
    }

    /// A p-value with its relation for running text: "= .032" or "< .001".
    public static func pRelation(_ p: Double) -> String {
        let text = pValue(p)
        return text.hasPrefix("<") ? text : "= " + text
    }

    /// A percentage with one decimal.
    public static func percent(_ value: Double) -> String { fixed(value, digits: 1) }
}

extension ReportFormat {
    /// Two significant digits in scientific notation, for tiny quantities such as a gradient.
    public static func scientific(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1e", value) : "NA"
    }
}
