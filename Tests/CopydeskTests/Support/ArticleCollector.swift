@testable import Copydesk

/// Reads every item a source stage yields, split into articles and quarantine records.
func collect(_ source: any SourceStage) async throws -> (articles: [Article], rejected: [QuarantineRecord]) {
    var reader = try source.makeReader()
    var articles: [Article] = []
    var rejected: [QuarantineRecord] = []
    while let item = try await reader.next() {
        switch item {
        case .article(let article): articles.append(article)
        case .rejected(let record): rejected.append(record)
        }
    }
    return (articles, rejected)
}

/// The text of `article` between scalar offsets.
func slice(_ article: Article, _ start: Int, _ end: Int) -> String {
    let scalars = Array(article.text.unicodeScalars)
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[start..<end])
    return String(result)
}
