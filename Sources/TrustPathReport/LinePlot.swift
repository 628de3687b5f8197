import Foundation

/// A small line chart rendered as standalone SVG: axes with ticks, lines, an optional shaded band,
/// dashed reference lines, a legend. Deterministic output (fixed decimals, no timestamps).
public struct LinePlot: Sendable {
    public struct Series: Sendable {
        public let label: String
        public let points: [(x: Double, y: Double)]
        public let dashed: Bool
        public init(label: String, points: [(x: Double, y: Double)], dashed: Bool = false) {
            self.label = label
            self.points = points
            self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series] = []
    /// A shaded band between lower and upper y at each x (a confidence band).
    public var band: [(x: Double, lower: Double, upper: Double)] = []
    public var horizontalLines: [Double] = []
    public var verticalLines: [Double] = []

    public init(title: String, xLabel: String, yLabel: String) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    private static let colors = ["#1f4e79", "#c0504d", "#4f8a3a", "#8064a2", "#f79646"]

    public func rendered(width: Double = 640, height: Double = 420) -> String {
        let left = 70.0, right = 170.0, top = 40.0, bottom = 55.0
        let xs = series.flatMap { $0.points.map(\.x) } + band.map(\.x) + verticalLines
        let ys = series.flatMap { $0.points.map(\.y) } + band.flatMap { [$0.lower, $0.upper] } + horizontalLines
        let (x0, x1) = LinePlot.range(xs), (y0, y1) = LinePlot.range(ys)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * plotWidth }
        func py(_ y: Double) -> Double { top + (1 - (y - y0) / (y1 - y0)) * plotHeight }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(f(left))\" y=\"22\" font-size=\"14\" font-weight=\"bold\">\(LinePlot.escape(title))</text>\n"
        if !band.isEmpty {
            let upper = band.map { "\(f(px($0.x))),\(f(py($0.upper)))" }, lower = band.reversed().map { "\(f(px($0.x))),\(f(py($0.lower)))" }
            svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#1f4e79\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#444\"/>\n"
        for tick in LinePlot.ticks(x0, x1) {
            svg += "<line x1=\"\(f(px(tick)))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(px(tick)))\" y2=\"\(f(top + plotHeight + 5))\" stroke=\"#444\"/>"
            svg += "<text x=\"\(f(px(tick)))\" y=\"\(f(top + plotHeight + 18))\" text-anchor=\"middle\">\(LinePlot.label(tick))</text>\n"
        }
        for tick in LinePlot.ticks(y0, y1) {
            svg += "<line x1=\"\(f(left - 5))\" y1=\"\(f(py(tick)))\" x2=\"\(f(left))\" y2=\"\(f(py(tick)))\" stroke=\"#444\"/>"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(LinePlot.label(tick))</text>\n"
        }
        for y in horizontalLines where (y0...y1).contains(y) {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(y)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(y)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n"
        }
        for x in verticalLines where (x0...x1).contains(x) {
            svg += "<line x1=\"\(f(px(x)))\" y1=\"\(f(top))\" x2=\"\(f(px(x)))\" y2=\"\(f(top + plotHeight))\" stroke=\"#c0504d\" stroke-dasharray=\"6 3\"/>\n"
        }
        for (k, s) in series.enumerated() {
            let color = LinePlot.colors[k % LinePlot.colors.count]
            let points = s.points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"6 3\"" : "")/>\n"
            let ly = top + 14 + Double(k) * 18
            svg += "<line x1=\"\(f(width - right + 12))\" y1=\"\(f(ly - 4))\" x2=\"\(f(width - right + 36))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            svg += "<text x=\"\(f(width - right + 42))\" y=\"\(f(ly))\">\(LinePlot.escape(s.label))</text>\n"
        }
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(LinePlot.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(LinePlot.escape(yLabel))</text>\n"
        return svg + "</svg>\n"
    }

    /// The data range padded by 5%, never empty.
    static func range(_ values: [Double]) -> (Double, Double) {
        let finite = values.filter { $0.isFinite }
        guard let low = finite.min(), let high = finite.max() else { return (0, 1) }
        let pad = high > low ? 0.05 * (high - low) : max(1, abs(low)) * 0.1
        return (low - pad, high + pad)
    }

    /// About five round tick values within [low, high].
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 5
        guard raw > 0, raw.isFinite else { return [] }
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var tick = ceil(low / step) * step
        while tick <= high + 1e-12 { ticks.append(tick); tick += step }
        return ticks
    }

    static func label(_ value: Double) -> String {
        let text = String(format: "%.3g", value)
        return text == "-0" ? "0" : text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
