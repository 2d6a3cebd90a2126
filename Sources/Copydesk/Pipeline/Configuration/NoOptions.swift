/// The options of a stage that takes none.
public struct NoOptions: DeclaredOptions {
    /// No options.
    public init() {}

    /// The YAML keys, with their properties, types and docs.
    public static let fields: [OptionField<Self>] = []
}
