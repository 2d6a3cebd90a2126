/// Which text-level clean-ups ``TextNormalizer`` applies to a block. Every option is on by
/// default; `docs/normalize.md` describes each one with examples.
public struct NormalizationOptions: Sendable, Equatable {
    /// The Unicode normalisation form applied to blocks that contain non-ASCII text.
    public enum UnicodeForm: String, Sendable, Equatable, CaseIterable {
        /// Canonical composition: `e` + combining acute becomes `é`; compatibility characters stay.
        case nfc
        /// Compatibility composition: also folds ligatures, full-width forms and superscripts.
        case nfkc
    }

    /// Unicode normalisation form (`nfc` by default).
    public var form: UnicodeForm = .nfc
    /// Curly and angle quotation marks become `"` and `'`.
    public var unifyQuotes = true
    /// En, em, figure dashes, horizontal bar, minus sign and Unicode hyphens become `-`.
    public var unifyDashes = true
    /// The ellipsis character `…` becomes `...`.
    public var unifyEllipses = true
    /// No-break, thin, em and other Unicode spaces become an ASCII space.
    public var unifySpaces = true
    /// Zero-width spaces and joiners, the byte-order mark and soft hyphens are removed.
    public var removeZeroWidth = true
    /// C0 and C1 control characters other than tab, line feed and carriage return are removed.
    public var stripControl = true
    /// Runs of whitespace become one space, and the block is trimmed.
    public var collapseWhitespace = true
    /// A space is put back where a sentence end or a lost heading break glued two sentences.
    public var repairGluedSentences = true

    /// Creates options with every clean-up on and NFC normalisation.
    public init() {}
}
