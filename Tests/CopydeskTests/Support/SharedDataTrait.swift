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
