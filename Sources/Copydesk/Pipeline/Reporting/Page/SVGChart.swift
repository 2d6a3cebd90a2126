/// The charts of the run report, drawn as inline SVG: no script, no font or file to fetch, so
/// the page opens from disk in any browser and prints as it shows. Every mark carries its
/// label and value in `data-label` and `data-value`, and a `<title>` for a tooltip.
enum SVGChart {
    /// The colour of the first series and of bars.
    static let primary = "#2b6cb0"
    /// The colour of articles that left the flow (duplicates, filtered, quarantined).
    static let dropped = "#c05621"
    /// Colours of the series of a line chart, in order.
    static let series = ["#2b6cb0", "#2f855a", "#b7791f", "#6b46c1", "#c53030", "#2c7a7b", "#975a16", "#4a5568"]

    /// A horizontal bar per item, labelled on the left, its value on the right.
    static func bars(_ items: [(label: String, value: Double, text: String)], name: String, width: Int = 640) -> String {
        guard !items.isEmpty else { return "<p class=\"none\">None.</p>" }
        let rowHeight = 22
        let labelWidth = 200
        let valueWidth = 110
        let barSpace = Double(width - labelWidth - valueWidth)
        let largest = max(items.map(\.value).max() ?? 0, 1e-9)
        var svg = open(name: name, width: width, height: items.count * rowHeight + 4)
        for (index, item) in items.enumerated() {
            let y = index * rowHeight + 2
            let length = max(1, barSpace * item.value / largest)
            let label = HTMLText.escape(item.label)
            svg +=
                "<g class=\"bar\" data-label=\"\(label)\" data-value=\"\(number(item.value))\"><title>\(label): \(HTMLText.escape(item.text))</title>"
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(HTMLText.escape(String(item.label.prefix(28))))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(number(length))\" height=\"\(rowHeight - 6)\" fill=\"\(primary)\"/>"
            svg += "<text x=\"\(number(Double(labelWidth) + length + 6))\" y=\"\(y + 15)\">\(HTMLText.escape(item.text))</text></g>"
        }
        return svg + "</svg>"
    }

    /// A vertical bar per item in order (dates), with the first and last labels under the axis.
    static func columns(_ items: [(label: String, value: Int)], name: String, width: Int = 640, height: Int = 160) -> String {
        guard !items.isEmpty else { return "<p class=\"none\">None.</p>" }
        let plot = (left: 40.0, top: 8.0, width: Double(width) - 48, height: Double(height) - 36)
        let largest = Double(max(items.map(\.value).max() ?? 0, 1))
        let slot = plot.width / Double(items.count)
        var svg = open(name: name, width: width, height: height)
        svg += axis(plot, maximum: largest)
        for (index, item) in items.enumerated() {
            let barHeight = max(1, plot.height * Double(item.value) / largest)
            let label = HTMLText.escape(item.label)
            svg +=
                "<rect class=\"column\" data-label=\"\(label)\" data-value=\"\(item.value)\" x=\"\(number(plot.left + Double(index) * slot + slot * 0.1))\""
            svg += " y=\"\(number(plot.top + plot.height - barHeight))\" width=\"\(number(max(1, slot * 0.8)))\" height=\"\(number(barHeight))\""
            svg += " fill=\"\(primary)\"><title>\(label): \(HTMLText.count(item.value))</title></rect>"
        }
        let baseline = plot.top + plot.height + 16
        svg += "<text x=\"\(number(plot.left))\" y=\"\(number(baseline))\">\(HTMLText.escape(items[0].label))</text>"
        if items.count > 1 {
            svg +=
                "<text x=\"\(number(plot.left + plot.width))\" y=\"\(number(baseline))\" text-anchor=\"end\">\(HTMLText.escape(items[items.count - 1].label))</text>"
        }
        return svg + "</svg>"
    }

    /// One line per series over a shared x axis (seconds), with a legend.
    static func lines(_ series: [(name: String, points: [(x: Double, y: Double)])], name: String, width: Int = 640, height: Int = 200) -> String {
        let points = series.flatMap(\.points)
        guard !points.isEmpty else { return "<p class=\"none\">No samples.</p>" }
        let plot = (left: 48.0, top: 8.0, width: Double(width) - 56, height: Double(height) - 56)
        let right = max(points.map(\.x).max() ?? 0, 1e-9)
        let top = max(points.map(\.y).max() ?? 0, 1)
        var svg = open(name: name, width: width, height: height)
        svg += axis(plot, maximum: top)
        for (index, line) in series.enumerated() {
            let colour = Self.series[index % Self.series.count]
            let path = line.points.map { "\(number(plot.left + plot.width * $0.x / right)),\(number(plot.top + plot.height * (1 - $0.y / top)))" }
            let last = line.points.last?.y ?? 0
            svg += "<polyline class=\"series\" data-label=\"\(HTMLText.escape(line.name))\" data-value=\"\(number(last))\" fill=\"none\""
            svg +=
                " stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(path.joined(separator: " "))\"><title>\(HTMLText.escape(line.name)): \(HTMLText.count(Int(last)))</title></polyline>"
            let legendX = plot.left + Double(index % 4) * plot.width / 4
            let legendY = plot.top + plot.height + 30 + Double(index / 4) * 14
            svg += "<rect x=\"\(number(legendX))\" y=\"\(number(legendY - 8))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(number(legendX + 14))\" y=\"\(number(legendY + 1))\">\(HTMLText.escape(line.name))</text>"
        }
        svg +=
            "<text x=\"\(number(plot.left + plot.width))\" y=\"\(number(plot.top + plot.height + 14))\" text-anchor=\"end\">\(HTMLText.seconds(right))</text>"
        return svg + "</svg>"
    }

    /// The flow of articles through the stages: one column per stage, as tall as the articles it
    /// received, the part it dropped (duplicates, filtered, quarantined) in the second colour.
    static func flow(_ stages: [(name: String, received: Int, passed: Int, dropped: String)], name: String, width: Int = 640) -> String {
        guard !stages.isEmpty else { return "" }
        let height = 190
        let plot = (top: 22.0, height: 120.0)
        let largest = Double(max(stages.map(\.received).max() ?? 0, 1))
        let slot = Double(width) / Double(stages.count)
        var svg = open(name: name, width: width, height: height)
        for (index, stage) in stages.enumerated() {
            let x = Double(index) * slot + slot * 0.2
            let barWidth = slot * 0.6
            let kept = plot.height * Double(stage.passed) / largest
            let lost = plot.height * Double(stage.received - stage.passed) / largest
            let bottom = plot.top + plot.height
            let label = HTMLText.escape(stage.name)
            svg += "<g class=\"stage\" data-label=\"\(label)\" data-value=\"\(stage.passed)\" data-received=\"\(stage.received)\">"
            svg +=
                "<title>\(label): \(HTMLText.count(stage.received)) in, \(HTMLText.count(stage.passed)) on\(stage.dropped.isEmpty ? "" : ", " + HTMLText.escape(stage.dropped))</title>"
            svg +=
                "<rect x=\"\(number(x))\" y=\"\(number(bottom - kept))\" width=\"\(number(barWidth))\" height=\"\(number(max(kept, 1)))\" fill=\"\(primary)\"/>"
            if lost > 0 {
                svg +=
                    "<rect x=\"\(number(x))\" y=\"\(number(bottom - kept - lost))\" width=\"\(number(barWidth))\" height=\"\(number(lost))\" fill=\"\(dropped)\"/>"
            }
            svg +=
                "<text x=\"\(number(x + barWidth / 2))\" y=\"\(number(plot.top - 6))\" text-anchor=\"middle\">\(HTMLText.count(stage.passed))</text>"
            svg += "<text x=\"\(number(x + barWidth / 2))\" y=\"\(number(bottom + 16))\" text-anchor=\"middle\">\(label)</text>"
            if !stage.dropped.isEmpty {
                svg +=
                    "<text class=\"lost\" x=\"\(number(x + barWidth / 2))\" y=\"\(number(bottom + 30))\" text-anchor=\"middle\">\(HTMLText.escape(stage.dropped))</text>"
            }
            if index > 0 {
                let previous = Double(index - 1) * slot + slot * 0.8
                svg +=
                    "<line x1=\"\(number(previous + 2))\" y1=\"\(number(bottom))\" x2=\"\(number(x - 2))\" y2=\"\(number(bottom))\" stroke=\"#a0aec0\"/>"
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    /// A small line of values in order (the previous runs), its last value marked.
    static func sparkline(_ values: [Int], name: String, width: Int = 180, height: Int = 36) -> String {
        guard !values.isEmpty else { return "" }
        let largest = Double(max(values.max() ?? 0, 1))
        let step = values.count > 1 ? Double(width - 8) / Double(values.count - 1) : 0
        let points = values.enumerated().map {
            "\(number(4 + Double($0.offset) * step)),\(number(Double(height - 4) - Double(height - 8) * Double($0.element) / largest))"
        }
        var svg = open(name: name, width: width, height: height)
        svg += "<polyline class=\"trend\" data-label=\"\(HTMLText.escape(name))\" data-value=\"\(values.map(String.init).joined(separator: " "))\""
        svg += " fill=\"none\" stroke=\"\(primary)\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>"
        if let last = points.last?.split(separator: ",") {
            svg += "<circle cx=\"\(last[0])\" cy=\"\(last[1])\" r=\"2.5\" fill=\"\(dropped)\"/>"
        }
        return svg + "</svg>"
    }

    /// The opening tag of a chart: its size, a text role for screen readers, its name.
    private static func open(name: String, width: Int, height: Int) -> String {
        "<svg class=\"chart\" role=\"img\" aria-label=\"\(HTMLText.escape(name))\" data-chart=\"\(HTMLText.escape(name))\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
    }

    /// The y axis of a plot with its top value, and the baseline.
    private static func axis(_ plot: (left: Double, top: Double, width: Double, height: Double), maximum: Double) -> String {
        let bottom = plot.top + plot.height
        return
            "<line x1=\"\(number(plot.left))\" y1=\"\(number(plot.top))\" x2=\"\(number(plot.left))\" y2=\"\(number(bottom))\" stroke=\"#a0aec0\"/>"
            + "<line x1=\"\(number(plot.left))\" y1=\"\(number(bottom))\" x2=\"\(number(plot.left + plot.width))\" y2=\"\(number(bottom))\" stroke=\"#a0aec0\"/>"
            + "<text x=\"\(number(plot.left - 4))\" y=\"\(number(plot.top + 10))\" text-anchor=\"end\">\(HTMLText.count(Int(maximum.rounded())))</text>"
            + "<text x=\"\(number(plot.left - 4))\" y=\"\(number(bottom))\" text-anchor=\"end\">0</text>"
    }

    /// A coordinate with at most one decimal.
    private static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
