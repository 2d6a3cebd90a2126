import Foundation

@testable import Copydesk

/// Shared set-up for the segment tests: the bundled English rules and the real corpus files.
enum SegmentTestSupport {
    /// The bundled English rules.
    static func englishRules() throws -> SegmentationRules {
        try SegmentationRules.load(language: "en")
    }

    /// The sentences of `paragraph` as strings, as the splitter delimits them.
    static func sentences(of paragraph: String, rules: SegmentationRules) -> [String] {
        let scalars = Array(paragraph.unicodeScalars)
        return SentenceSplitter(rules: rules).split(paragraph[...]).map { range in
            String(String.UnicodeScalarView(scalars[range]))
        }
    }

    /// `shared/<relativePath>` beside the repository root.
    static func sharedFile(_ relativePath: String) -> URL {
        TestPaths.shared.appendingPathComponent(relativePath)
    }
}
