import Foundation

/// Locations tests read from: the repository, its fixtures, the shared corpus, and fresh
/// temporary directories.
enum TestPaths {
    /// The repository root (the folder holding Package.swift).
    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `Tests/CopydeskTests/Fixtures/<name>`.
    static func fixture(_ name: String) -> String {
        repository.appendingPathComponent("Tests/CopydeskTests/Fixtures").appendingPathComponent(name).path
    }

    /// The project's shared folder beside the repository (`../shared`).
    static let shared: URL = repository.deletingLastPathComponent().appendingPathComponent("shared")

    /// The real seed article.
    static let seed = shared.appendingPathComponent("seed/000_62d86fb87979553c.txt").path

    /// Real saved news pages with the text an extractor's tests expect (`index.tsv`, `html/`, `text/`).
    static let htmlDev = shared.appendingPathComponent("html-dev")

    /// Annotated development data for entities and sentence boundaries (`ner_dev.jsonl`, …).
    static let nlpDev = shared.appendingPathComponent("nlp-dev")

    /// The 295-article Wikinews corpus.
    static let wikinews = shared.appendingPathComponent("corpus/wikinews.jsonl").path

    /// Whether the shared seed and corpus are beside the repository. A clone of the
    /// repository alone has no `../shared`; the tests that read it are skipped there.
    static let sharedIsPresent =
        FileManager.default.isReadableFile(atPath: seed)
        && FileManager.default.isReadableFile(atPath: wikinews)

    /// A new empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
