/// Maps `type:` names in pipeline files to stage types, one list per role.
///
/// Adding a stage means writing its file and adding it to one list below; the loader, the
/// runner, `copydesk stages` and the generated docs pick it up from here.
public struct StageRegistry: Sendable {
    /// Stages that may open a pipeline.
    public var sources: [any SourceStage.Type]
    /// Stages that may stand between the source and the sinks.
    public var transforms: [any TransformStage.Type]
    /// Stages that may close a pipeline.
    public var sinks: [any SinkStage.Type]

    /// Creates a registry from explicit lists (tests add their own stages this way).
    public init(sources: [any SourceStage.Type], transforms: [any TransformStage.Type], sinks: [any SinkStage.Type]) {
        self.sources = sources
        self.transforms = transforms
        self.sinks = sinks
    }

    /// Every stage Copydesk ships.
    public static let standard = StageRegistry(
        sources: [
            TextDropSource.self,
            JSONLSource.self,
            HTMLSource.self,
            FilesSource.self,
            CSVSource.self,
            WARCSource.self,
        ],
        transforms: [
            NormalizeStage.self,
            DedupeStage.self,
            SegmentStage.self,
            ExtractStage.self,
            FilterStage.self,
            ExecStage.self,
        ],
        sinks: [
            JSONLSink.self,
            CSVSink.self,
            SQLiteSink.self,
            PostgresSink.self,
        ]
    )

    /// The source stage registered under `name`.
    public func source(named name: String) -> (any SourceStage.Type)? {
        sources.first { $0.typeName == name }
    }

    /// The transform stage registered under `name`.
    public func transform(named name: String) -> (any TransformStage.Type)? {
        transforms.first { $0.typeName == name }
    }

    /// The sink stage registered under `name`.
    public func sink(named name: String) -> (any SinkStage.Type)? {
        sinks.first { $0.typeName == name }
    }

    /// Returns a registry with `other`'s stages added to this one's.
    public func merging(_ other: StageRegistry) -> StageRegistry {
        StageRegistry(sources: sources + other.sources, transforms: transforms + other.transforms, sinks: sinks + other.sinks)
    }
}
