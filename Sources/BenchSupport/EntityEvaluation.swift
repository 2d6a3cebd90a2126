import Copydesk
import Foundation

/// Runs documents through Copydesk as a user's JSON-lines drop would go (the `jsonl` source,
/// `segment`, `extract`) and scores the entities found against the documents' gold ones.
public enum EntityEvaluation {
    /// The gold type a Copydesk entity kind is scored as; groups (nationalities) are not scored.
    public static func scoredType(_ kind: Entity.Kind) -> String? {
        switch kind {
        case .person: "PER"
        case .organization: "ORG"
        case .location: "LOC"
        case .group: nil
        }
    }

    /// The articles Copydesk reads from the documents, segmented, in document order; `work` is a
    /// directory for the JSON-lines file they pass through.
    public static func articles(_ documents: [AnnotatedDocument], work: String) async throws -> [Article] {
        let path = try writeTexts(documents, work: work)
        let context = StageContext()
        var reader = try JSONLSource(options: .with { $0.path = path }, context: context).makeReader()
        var articles: [Article] = []
        while let item = try await reader.next() {
            if case .article(let article) = item { articles.append(article) }
        }
        let segment = try SegmentStage(options: .init(), context: context)
        return try await segment.process(articles).articles
    }

    /// Writes the documents' ids and texts as JSON lines (`{"id", "text"}`) to
    /// `work/entity-documents.jsonl`, creating `work`, and returns the file's path.
    public static func writeTexts(_ documents: [AnnotatedDocument], work: String) throws -> String {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let path = (work as NSString).appendingPathComponent("entity-documents.jsonl")
        var lines = ""
        for document in documents {
            let object: [String: Any] = ["id": document.id, "text": document.text]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) + "\n"
        }
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The entities `extractor` finds in each article, as scored spans.
    public static func predictions(_ articles: [Article], extractor: Extractor) -> [[AnnotatedDocument.Span]] {
        articles.map { original in
            var article = original
            extractor.annotate(&article)
            return article.entities.compactMap { entity in
                scoredType(entity.type).map { AnnotatedDocument.Span(start: entity.start, end: entity.end, type: $0) }
            }
        }
    }

    /// The score of `predicted` (one list per document) against the documents' gold entities.
    public static func score(_ predicted: [[AnnotatedDocument.Span]], against documents: [AnnotatedDocument]) -> EntityScore {
        var score = EntityScore()
        for (spans, document) in zip(predicted, documents) { score.add(predicted: spans, gold: document.entities) }
        return score
    }
}
