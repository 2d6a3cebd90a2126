import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a test only when `../shared` (the real seed article and the Wikinews corpus) is
    /// beside the repository; a bare clone skips it and the test log says why.
    static var needsSharedData: Self {
        .enabled(
            if: TestPaths.sharedIsPresent,
            "needs ../shared/seed and ../shared/corpus beside the repository, which a bare clone does not have")
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a test only when `../shared/html-dev` (real saved pages with expected text) is beside
    /// the repository; a bare clone skips it and the test log says why.
    static var needsHTMLDevSet: Self {
        .enabled(
            if: FileManager.default.isReadableFile(atPath: TestPaths.htmlDev.appendingPathComponent("index.tsv").path),
            "needs ../shared/html-dev beside the repository, which a bare clone does not have")
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a test only when `../shared/nlp-dev` (annotated entities and sentence boundaries) is
    /// beside the repository; a bare clone skips it and the test log says why.
    static var needsNLPDevSet: Self {
        .enabled(
            if: ["ner_dev.jsonl", "sentences_dev.jsonl", "sentences_pragmatic_extra.jsonl"].allSatisfy {
                FileManager.default.isReadableFile(atPath: TestPaths.nlpDev.appendingPathComponent($0).path)
            },
            "needs ../shared/nlp-dev beside the repository, which a bare clone does not have")
    }
}
