/// The options of a stage that takes none.
public struct NoOptions: DeclaredOptions {
    /// No options.
    public init() {}

    public static let fields: [OptionField<Self>] = []
}
