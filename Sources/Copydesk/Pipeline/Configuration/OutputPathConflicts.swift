import Foundation

/// Finds files that two parts of one pipeline would both write, before any work starts: two
/// sinks on one path, the quarantine, report or metrics file on a sink's output, a file inside a
/// folder a sink fills, or a state store (the ledger, a `history`) on an output. State stores may
/// share one file with each other, since they keep separate tables in one SQLite store.
///
/// Paths are compared as standardized absolute paths. Each clash is reported once, at the
/// option written later in the file, naming the earlier one.
struct OutputPathConflicts {
    /// How a written path is used.
    enum Use {
        /// An output file, replaced or appended to by the run.
        case file
        /// An output folder whose files the run replaces.
        case folder
        /// A state store kept across runs.
        case stateStore
    }

    /// A stage option that names a path the stage writes.
    struct WrittenOption {
        /// The role of the stages that write through the option.
        let role: StageRole
        /// The option's key.
        let option: String
        /// How the path is used.
        let use: Use
    }

    /// The stage options that name written paths, by role: every sink's `path` or `directory`
    /// is an output, a transform's `history` is a state store.
    static let writtenOptions: [WrittenOption] = [
        WrittenOption(role: .sink, option: "path", use: .file),
        WrittenOption(role: .sink, option: "directory", use: .folder),
        WrittenOption(role: .transform, option: "history", use: .stateStore),
    ]

    /// One path the pipeline writes, where it is written and by whom.
    struct WrittenPath {
        /// The option's key (`path`, `quarantine`).
        let option: String
        /// The path as written, after `${VAR}` expansion.
        let value: String
        /// The standardized absolute path.
        let absolute: String
        /// How the path is used.
        let use: Use
        /// What the path is, for messages (`the ledger`, `the path of stage 'jsonl'`).
        let role: String
        /// Where the option's value is written.
        let position: SourcePosition?
    }

    /// The pipeline file, named in errors.
    private let file: String
    /// Every non-empty path the pipeline writes, in file order.
    private let paths: [WrittenPath]

    /// Gathers the written paths of a pipeline's settings (with the positions of their values)
    /// and of its transforms and sinks.
    init(file: String, settings: PipelineSettings, settingPositions: [String: SourcePosition],
         transforms: [StageDefinition<any TransformStage.Type>], sinks: [StageDefinition<any SinkStage.Type>]) {
        let settingPaths: [(option: String, value: String?, use: Use, role: String)] = [
            ("quarantine", settings.quarantine, .file, "the quarantine file"),
            ("ledger", settings.ledger, .stateStore, "the ledger"),
            ("report", settings.report, .file, "the run report"),
            ("metrics", settings.metrics, .file, "the metrics file"),
        ]
        var paths = settingPaths.compactMap { setting in
            setting.value.map { Self.written(setting.option, $0, use: setting.use, role: setting.role, at: settingPositions[setting.option]) }
        }
        let stages = transforms.map { (StageRole.transform, $0.type.typeName, $0.options) } + sinks.map { (StageRole.sink, $0.type.typeName, $0.options) }
        for (role, typeName, options) in stages {
            for written in Self.writtenOptions where written.role == role {
                guard case .string(let value)? = options.value(written.option), !value.isEmpty else { continue }
                paths.append(Self.written(written.option, value, use: written.use, role: "the \(written.option) of stage '\(typeName)'",
                                          at: options.position(of: written.option)))
            }
        }
        self.file = file
        self.paths = paths.sorted { Self.order($0.position) < Self.order($1.position) }
    }

    /// One error for each path that clashes with a path written earlier in the file.
    var errors: [ConfigError] {
        paths.indices.compactMap { later in
            paths[..<later].lazy.compactMap { clash(of: paths[later], with: $0) }.first
        }
    }

    /// Why `later` cannot be written alongside `earlier`, if it cannot.
    private func clash(of later: WrittenPath, with earlier: WrittenPath) -> ConfigError? {
        if later.use == .stateStore && earlier.use == .stateStore { return nil }
        let message: String
        if later.absolute == earlier.absolute {
            message = "'\(later.value)' is also \(Self.describe(earlier))"
        } else if earlier.use == .folder, Self.path(later.absolute, isInside: earlier.absolute) {
            message = "'\(later.value)' is inside '\(earlier.value)', \(Self.describe(earlier))"
        } else if later.use == .folder, Self.path(earlier.absolute, isInside: later.absolute) {
            message = "'\(later.value)' holds '\(earlier.value)', \(Self.describe(earlier))"
        } else {
            return nil
        }
        return ConfigError(file: file, at: later.position, message: "\(later.option): \(message)")
    }

    private static func written(_ option: String, _ value: String, use: Use, role: String, at position: SourcePosition?) -> WrittenPath {
        WrittenPath(option: option, value: value, absolute: URL(fileURLWithPath: value).standardizedFileURL.path,
                    use: use, role: role, position: position)
    }

    private static func path(_ path: String, isInside folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// `the quarantine file (line 3)`.
    private static func describe(_ path: WrittenPath) -> String {
        path.role + (path.position.map { " (line \($0.line))" } ?? "")
    }

    private static func order(_ position: SourcePosition?) -> (Int, Int) {
        (position?.line ?? 0, position?.column ?? 0)
    }
}
