import Foundation

/// The structural model as a standalone SVG: constructs as ellipses in columns by causal depth
/// (exogenous on the left), arrows with standardized coefficients and significance stars, R² inside
/// each endogenous construct, non-significant paths dashed. Deterministic output.
public struct PathDiagram: Sendable {
    public struct Path: Sendable {
        public let from: String
        public let to: String
        public let standardized: Double
        public let pValue: Double
        public init(from: String, to: String, standardized: Double, pValue: Double) {
            self.from = from
            self.to = to
            self.standardized = standardized
            self.pValue = pValue
        }
    }

    public let constructs: [String]
    public let paths: [Path]
    public let rSquared: [String: Double]
    /// Correlations drawn as double-headed arcs on the right of a column (a factor model's factor
    /// correlations); `standardized` is the correlation.
    public let correlations: [Path]

    public init(constructs: [String], paths: [Path], rSquared: [String: Double], correlations: [Path] = []) {
        self.constructs = constructs
        self.paths = paths
        self.rSquared = rSquared
        self.correlations = correlations
    }

    /// Each construct's column: 0 when nothing predicts it, else one more than its deepest predictor.
    func levels() -> [String: Int] {
        var level = Dictionary(uniqueKeysWithValues: constructs.map { ($0, 0) })
        for _ in constructs {
            for path in paths { level[path.to] = max(level[path.to] ?? 0, (level[path.from] ?? 0) + 1) }
        }
        return level
    }

    public func rendered() -> String {
        let level = levels()
        let depth = (level.values.max() ?? 0) + 1
        let columns = (0..<depth).map { d in constructs.filter { level[$0] == d } }
        let rows = columns.map(\.count).max() ?? 1
        let rx = 62.0, ry = 30.0, columnGap = 250.0, rowGap = 95.0, margin = 40.0
        let index = Dictionary(uniqueKeysWithValues: constructs.enumerated().map { ($1, $0) })
        func bulge(_ c: Path) -> Double { 20 + 70 * Double(abs((index[c.from] ?? 0) - (index[c.to] ?? 0))) }
        let arcRoom = correlations.map { bulge($0) / 2 + 34 }.max() ?? 0
        let width = max(margin * 2 + rx * 2 + columnGap * Double(depth - 1) + arcRoom, correlations.isEmpty ? 0 : 440)
        let height = margin * 2 + ry * 2 + rowGap * Double(rows - 1) + 30
        var position: [String: (x: Double, y: Double)] = [:]
        for (d, column) in columns.enumerated() {
            let offset = (Double(rows - column.count) * rowGap) / 2
            for (i, name) in column.enumerated() {
                position[name] = (margin + rx + columnGap * Double(d), margin + ry + offset + rowGap * Double(i))
            }
        }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif">
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>
        <rect width="100%" height="100%" fill="white"/>

        """
        for path in paths {
            guard let a = position[path.from], let b = position[path.to] else { continue }
            let dx = b.x - a.x, dy = b.y - a.y, length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { continue }
            // Start and end on the ellipses' edges along the line between centres.
            func edge(_ ux: Double, _ uy: Double) -> Double { 1 / ((ux * ux) / (rx * rx) + (uy * uy) / (ry * ry)).squareRoot() }
            let ux = dx / length, uy = dy / length, t = edge(ux, uy)
            let x1 = a.x + ux * t, y1 = a.y + uy * t, x2 = b.x - ux * t, y2 = b.y - uy * t
            let significant = path.pValue < 0.05
            svg += "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"#333\" stroke-width=\"1.6\""
                + (significant ? "" : " stroke-dasharray=\"6 4\"") + " marker-end=\"url(#arrow)\"/>\n"
            let label = ReportFormat.fixed(path.standardized, digits: 2) + SEMReport.stars(path.pValue)
            let mx = x1 + (x2 - x1) * 0.45, my = y1 + (y2 - y1) * 0.45
            svg += "<rect x=\"\(f(mx - 26))\" y=\"\(f(my - 11))\" width=\"52\" height=\"18\" fill=\"white\"/>\n"
            svg += "<text x=\"\(f(mx))\" y=\"\(f(my + 3))\" font-size=\"12\" text-anchor=\"middle\">\(label)</text>\n"
        }
        for correlation in correlations {
            guard let a = position[correlation.from], let b = position[correlation.to] else { continue }
            // A quadratic arc between the ellipses' right sides, leaving each at an angle that tilts
            // towards the other (less for longer spans, so nested arcs do not share end points).
            let span = Double(max(1, abs((index[correlation.from] ?? 0) - (index[correlation.to] ?? 0))))
            let angle = (35 / span) * Double.pi / 180, toward = b.y > a.y ? 1.0 : -1.0
            let start = (x: a.x + rx * cos(angle), y: a.y + toward * ry * sin(angle))
            let end = (x: b.x + rx * cos(angle), y: b.y - toward * ry * sin(angle))
            let control = (x: max(start.x, end.x) + bulge(correlation), y: (a.y + b.y) / 2)
            svg += "<path d=\"M \(f(start.x)) \(f(start.y)) Q \(f(control.x)) \(f(control.y)) \(f(end.x)) \(f(end.y))\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.4\""
                + (correlation.pValue < 0.05 ? "" : " stroke-dasharray=\"6 4\"") + " marker-start=\"url(#arrow)\" marker-end=\"url(#arrow)\"/>\n"
            let apex = 0.25 * start.x + 0.5 * control.x + 0.25 * end.x
            svg += "<rect x=\"\(f(apex - 24))\" y=\"\(f(control.y - 11))\" width=\"48\" height=\"18\" fill=\"white\"/>\n"
            svg += "<text x=\"\(f(apex))\" y=\"\(f(control.y + 3))\" font-size=\"12\" text-anchor=\"middle\">\(ReportFormat.fixed(correlation.standardized, digits: 2) + SEMReport.stars(correlation.pValue))</text>\n"
        }
        for name in constructs {
            guard let p = position[name] else { continue }
            svg += "<ellipse cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" rx=\"\(f(rx))\" ry=\"\(f(ry))\" fill=\"#eef3f8\" stroke=\"#1f4e79\" stroke-width=\"1.5\"/>\n"
            if let r2 = rSquared[name] {
                svg += "<text x=\"\(f(p.x))\" y=\"\(f(p.y - 2))\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\">\(Self.escaped(name))</text>\n"
                svg += "<text x=\"\(f(p.x))\" y=\"\(f(p.y + 15))\" font-size=\"11\" text-anchor=\"middle\">R² = \(ReportFormat.fixed(r2, digits: 2))</text>\n"
            } else {
                svg += "<text x=\"\(f(p.x))\" y=\"\(f(p.y + 5))\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\">\(Self.escaped(name))</text>\n"
            }
        }
        let legend = correlations.isEmpty ? "Standardized coefficients" : (paths.isEmpty ? "Factor correlations" : "Standardized coefficients and correlations")
        svg += "<text x=\"\(f(margin))\" y=\"\(f(height - 12))\" font-size=\"10\" fill=\"#555\">\(legend); * p &lt; .05, ** p &lt; .01, *** p &lt; .001; dashed: not significant.</text>\n"
        return svg + "</svg>\n"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
