/// One stage entry of a pipeline file: the stage type, its decoded options and where they are
/// written, its worker count, and the build step that turns them into a running stage.
public struct StageDefinition<Built: Sendable>: Sendable {
    /// The registered stage type.
    public let type: any Stage.Type
    /// Its decoded options, defaults applied.
    public let options: any DeclaredOptions
    /// Where its options are written, for errors found when it is built.
    public let locations: OptionLocations
    /// How many workers run it (always 1 for stateful transforms and for sources and sinks).
    public var workers: Int
    private let make: @Sendable (StageContext) throws -> Built

    /// Wraps `options` of stage type `type`; `build` calls the stage's initialiser.
    init<S: Stage>(_ type: S.Type, options: S.Options, locations: OptionLocations, workers: Int = 1, as built: @escaping @Sendable (S) -> Built) {
        self.type = type
        self.options = options
        self.locations = locations
        self.workers = workers
        make = { context in built(try S(options: options, context: context)) }
    }

    /// The stage's `type:` name.
    public var typeName: String { type.typeName }

    /// Builds the running stage; the context carries this entry's option locations, so the
    /// stage's errors point at its lines. Building opens no input, output or state store.
    public func build(context: StageContext) throws -> Built {
        var located = context
        located.optionLocations = locations
        return try make(located)
    }
}

extension StageDefinition where Built == any SourceStage {
    /// A source entry.
    public init<S: SourceStage>(source type: S.Type, options: S.Options, locations: OptionLocations = OptionLocations()) {
        self.init(type, options: options, locations: locations, as: { $0 })
    }
}

extension StageDefinition where Built == any TransformStage {
    /// A transform entry running on `workers` workers.
    public init<S: TransformStage>(transform type: S.Type, options: S.Options, locations: OptionLocations = OptionLocations(), workers: Int = 1) {
        self.init(type, options: options, locations: locations, workers: workers, as: { $0 })
    }
}

extension StageDefinition where Built == any SinkStage {
    /// A sink entry.
    public init<S: SinkStage>(sink type: S.Type, options: S.Options, locations: OptionLocations = OptionLocations()) {
        self.init(type, options: options, locations: locations, as: { $0 })
    }
}
