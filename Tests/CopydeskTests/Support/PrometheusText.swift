import Foundation

/// A strict reader of the Prometheus text exposition format (0.0.4), for checking metrics files.
///
/// It refuses what `promtool` and the Prometheus parser refuse, and what the conventions forbid:
/// a sample before its family's `# TYPE`, a family given twice or split by another, a missing
/// `# HELP`, a counter without `_total`, a malformed name, label or value, a series given twice,
/// and a file that does not end in a line feed.
enum PrometheusText {
    /// What is wrong, and on which line.
    struct Malformed: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    /// One family as read: name, type, help and its series (`name{labels}`) with values, in order.
    struct Family: Equatable {
        var name: String
        var type: String
        var help: String
        var samples: [(series: String, labels: [String: String], value: Double)]

        static func == (lhs: Family, rhs: Family) -> Bool {
            lhs.name == rhs.name && lhs.type == rhs.type && lhs.help == rhs.help
                && lhs.samples.map(\.series) == rhs.samples.map(\.series)
        }
    }

    /// Samples keyed by `name{labels}` as written.
    static func parse(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for family in try families(text) {
            for sample in family.samples { samples[sample.series] = sample.value }
        }
        return samples
    }

    /// The families in file order.
    static func families(_ text: String) throws -> [Family] {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Malformed(line: 0, reason: "the file does not end in a line feed") }
        var families: [Family] = []
        var seenSeries: Set<String> = []
        var pendingHelp: (name: String, help: String)?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let number = index + 1
            func fail(_ reason: String) -> Malformed { Malformed(line: number, reason: reason) }
            if line.hasPrefix("# HELP ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1)
                guard parts.count == 2, isMetricName(parts[0]) else { throw fail("malformed HELP") }
                guard !families.contains(where: { $0.name == parts[0] }), pendingHelp == nil else { throw fail("a second HELP") }
                pendingHelp = (String(parts[0]), String(parts[1]))
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                guard parts.count == 2, isMetricName(parts[0]), ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[1]) else {
                    throw fail("malformed TYPE")
                }
                let name = String(parts[0])
                guard !families.contains(where: { $0.name == name }) else { throw fail("family \(name) is given twice") }
                guard let help = pendingHelp, help.name == name else { throw fail("family \(name) has no HELP just before its TYPE") }
                guard parts[1] != "counter" || name.hasSuffix("_total") else { throw fail("counter \(name) does not end in _total") }
                pendingHelp = nil
                families.append(Family(name: name, type: String(parts[1]), help: help.help, samples: []))
            } else if line.hasPrefix("#") || line.isEmpty {
                throw fail("unexpected comment or empty line")
            } else {
                guard let space = line.lastIndex(of: " ") else { throw fail("no value") }
                let valueText = line[line.index(after: space)...]
                guard let value = ["NaN": .nan, "+Inf": .infinity, "-Inf": -.infinity][String(valueText)] ?? Double(valueText),
                    valueText.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) })
                        || ["NaN", "+Inf", "-Inf"].contains(String(valueText))
                else { throw fail("malformed value \(valueText)") }
                let series = String(line[..<space])
                let name = String(series.prefix { $0 != "{" })
                guard isMetricName(Substring(name)) else { throw fail("malformed metric name") }
                guard var family = families.last, family.name == name else { throw fail("sample of \(name) outside its family") }
                let labels = try parseLabels(series.dropFirst(name.count), fail: fail)
                guard seenSeries.insert(series).inserted else { throw fail("series \(series) is given twice") }
                family.samples.append((series, labels, value))
                families[families.count - 1] = family
            }
        }
        guard pendingHelp == nil else { throw Malformed(line: 0, reason: "a HELP without its TYPE") }
        return families
    }

    private static func isMetricName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" || first == ":" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    /// `{a="x",b="y"}` (or nothing) into a dictionary, decoding `\\`, `\"` and `\n`.
    private static func parseLabels(_ text: Substring, fail: (String) -> Malformed) throws -> [String: String] {
        guard !text.isEmpty else { return [:] }
        guard text.first == "{", text.last == "}" else { throw fail("malformed labels") }
        var labels: [String: String] = [:]
        var rest = text.dropFirst().dropLast()[...]
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "=") else { throw fail("label without a value") }
            let name = rest[..<equals]
            guard let first = name.first, first.isASCII, first.isLetter || first == "_",
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !name.hasPrefix("__")
            else { throw fail("malformed label name \(name)") }
            rest = rest[rest.index(after: equals)...]
            guard rest.first == "\"" else { throw fail("label value not quoted") }
            rest = rest.dropFirst()
            var value = ""
            var closed = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if character == "\"" {
                    closed = true
                    break
                }
                if character == "\\" {
                    guard let escaped = rest.first, "\\\"n".contains(escaped) else { throw fail("bad escape in label value") }
                    value.append(escaped == "n" ? "\n" : escaped)
                    rest = rest.dropFirst()
                } else {
                    value.append(character)
                }
            }
            guard closed else { throw fail("unterminated label value") }
            guard labels.updateValue(value, forKey: String(name)) == nil else { throw fail("label \(name) is given twice") }
            if rest.first == "," { rest = rest.dropFirst() } else if !rest.isEmpty { throw fail("junk after a label value") }
        }
        return labels
    }
}
