import Copydesk
import Foundation

/// Generates a synthetic news drop in the text-drop format: articles of realistic length with
/// datelines, headings, quotes, amounts and flattened summaries, plus a known share of exact
/// and near duplicates. The same seed gives the same corpus on every machine.
public struct CorpusGenerator: Sendable {
    /// What to generate.
    public struct Settings: Sendable {
        /// Articles in all, duplicates included.
        public var articles: Int
        /// Random seed.
        public var seed: UInt64
        /// Share of articles that are exact copies of an earlier one.
        public var exactDuplicates: Double
        /// Share of articles that are edited copies of an earlier one.
        public var nearDuplicates: Double
        /// Articles per file.
        public var articlesPerFile: Int
        /// Body paragraphs of an original article, headings not counted: the default gives
        /// about 3.2 KB an article, `4...6` short wire copy (1.7 KB on average, 85% of
        /// articles between 1 and 3 KB).
        public var paragraphs: ClosedRange<Int>

        /// Creates settings.
        public init(
            articles: Int, seed: UInt64 = 42, exactDuplicates: Double = 0.1, nearDuplicates: Double = 0.1, articlesPerFile: Int = 100,
            paragraphs: ClosedRange<Int> = 5...15
        ) {
            self.articles = articles
            self.seed = seed
            self.exactDuplicates = exactDuplicates
            self.nearDuplicates = nearDuplicates
            self.articlesPerFile = articlesPerFile
            self.paragraphs = paragraphs
        }
    }

    /// One generated article and the cluster it belongs to (its original's index).
    public struct Item: Sendable {
        /// The article in text-drop form, ending with a newline.
        public var text: String
        /// Index of the original this article copies, or its own index for originals.
        public var cluster: Int
        /// How the article was made: `original`, `exact` or `near`.
        public var kind: String
        /// Share of the original's words kept unchanged (1 for originals and exact copies).
        public var overlap: Double
    }

    /// What a generated drop contains.
    public struct Manifest: Sendable {
        /// Files written, in order.
        public var files: [String]
        /// Bytes written.
        public var bytes: Int
        /// Per article, in file order: cluster, kind and word overlap.
        public var items: [(cluster: Int, kind: String, overlap: Double)]
    }

    /// The settings.
    public let settings: Settings

    /// Creates a generator.
    public init(settings: Settings) {
        self.settings = settings
    }

    /// Generates the articles in order.
    public func items() -> [Item] {
        var random = SplitMix64(seed: settings.seed)
        var originals: [(index: Int, body: [String], header: String)] = []
        var items: [Item] = []
        items.reserveCapacity(settings.articles)
        for index in 0..<settings.articles {
            let roll = Double(random.next() >> 11) / Double(1 << 53)
            if !originals.isEmpty, roll < settings.exactDuplicates {
                let original = originals[Int(random.next() % UInt64(originals.count))]
                items.append(Item(text: items[original.index].text, cluster: original.index, kind: "exact", overlap: 1))
            } else if !originals.isEmpty, roll < settings.exactDuplicates + settings.nearDuplicates {
                let original = originals[Int(random.next() % UInt64(originals.count))]
                let (body, overlap) = edit(original.body, random: &random)
                let text = original.header + body.joined(separator: "\n") + "\n"
                items.append(Item(text: text, cluster: original.index, kind: "near", overlap: overlap))
            } else {
                let (header, body) = article(random: &random)
                originals.append((index, body, header))
                items.append(Item(text: header + body.joined(separator: "\n") + "\n", cluster: index, kind: "original", overlap: 1))
            }
        }
        return items
    }

    /// Writes the drop into `directory` (created if needed) and returns what it holds.
    public func write(to directory: String) throws -> Manifest {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let all = items()
        var manifest = Manifest(files: [], bytes: 0, items: [])
        var start = 0
        while start < all.count {
            let end = min(all.count, start + settings.articlesPerFile)
            let name = String(format: "%06d.txt", start / settings.articlesPerFile)
            let path = (directory as NSString).appendingPathComponent(name)
            let text = all[start..<end].map(\.text).joined()
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            manifest.files.append(path)
            manifest.bytes += text.utf8.count
            manifest.items += all[start..<end].map { ($0.cluster, $0.kind, $0.overlap) }
            start = end
        }
        return manifest
    }

    private func article(random: inout SplitMix64) -> (header: String, body: [String]) {
        let section = Vocabulary.sections[Int(random.next() % UInt64(Vocabulary.sections.count))]
        let day = 1 + Int(random.next() % 28)
        let month = 1 + Int(random.next() % 12)
        let title = (0..<(6 + Int(random.next() % 6))).map { _ in random.skewed(Vocabulary.common) }.joined(separator: " ").capitalizedFirst
        var body: [String] = []
        let paragraphs = settings.paragraphs.lowerBound + Int(random.next() % UInt64(settings.paragraphs.count))
        for index in 0..<paragraphs {
            if index > 1, index < paragraphs - 1, random.next() % 5 == 0 {
                body.append((0..<(2 + Int(random.next() % 3))).map { _ in random.skewed(Vocabulary.headingWords) }.joined(separator: " "))
            }
            var paragraph = (0..<(1 + Int(random.next() % 3))).map { _ in sentence(random: &random) }.joined(separator: " ")
            if index == 0, random.next() % 10 < 7 {
                let place = Vocabulary.places[Int(random.next() % UInt64(Vocabulary.places.count))]
                let agency = Vocabulary.agencies[Int(random.next() % UInt64(Vocabulary.agencies.count))]
                paragraph = "\(place) (\(agency)) - " + paragraph
            }
            body.append(paragraph)
        }
        let summary = random.next() % 2 == 0 ? body.joined() : sentence(random: &random)
        let header = String(format: " date 2024-%02d-%02d %@\n", month, day, section) + title + "\n" + summary + "\n"
        return (header, body)
    }

    private func sentence(random: inout SplitMix64) -> String {
        var words = (0..<(8 + Int(random.next() % 18))).map { _ in random.skewed(Vocabulary.common) }
        switch random.next() % 6 {
        case 0: words.insert("$\(1 + random.next() % 900).\(random.next() % 10) billion", at: Int(random.next() % UInt64(words.count)))
        case 1: words.insert("\(1 + random.next() % 99)%", at: Int(random.next() % UInt64(words.count)))
        case 2:
            let name =
                Vocabulary.firstNames[Int(random.next() % UInt64(Vocabulary.firstNames.count))] + " "
                + Vocabulary.lastNames[Int(random.next() % UInt64(Vocabulary.lastNames.count))]
            let verb = Vocabulary.verbs[Int(random.next() % UInt64(Vocabulary.verbs.count))]
            return "\"" + words.joined(separator: " ").capitalizedFirst + ",\" \(name) \(verb)."
        case 3:
            words.insert(
                Vocabulary.organisations[Int(random.next() % UInt64(Vocabulary.organisations.count))], at: Int(random.next() % UInt64(words.count)))
        default: break
        }
        return words.joined(separator: " ").capitalizedFirst + "."
    }

    /// An edited copy: 3-15% of words replaced, and sometimes a new intro or an extra paragraph.
    private func edit(_ body: [String], random: inout SplitMix64) -> (body: [String], overlap: Double) {
        var edited = body.map { $0.split(separator: " ").map(String.init) }
        let total = edited.reduce(0) { $0 + $1.count }
        let changes = max(1, total * (3 + Int(random.next() % 13)) / 100)
        for _ in 0..<changes {
            let p = Int(random.next() % UInt64(edited.count))
            guard !edited[p].isEmpty else { continue }
            edited[p][Int(random.next() % UInt64(edited[p].count))] = random.skewed(Vocabulary.common)
        }
        var result = edited.map { $0.joined(separator: " ") }
        switch random.next() % 3 {
        case 0: result[0] = sentence(random: &random) + " " + sentence(random: &random)
        case 1: result.insert(sentence(random: &random), at: Int(random.next() % UInt64(result.count)) + 1)
        default: break
        }
        let kept = max(0, total - changes)
        return (result, Double(kept) / Double(max(total, 1)))
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
