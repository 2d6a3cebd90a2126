import Foundation

/// Finds files that two parts of one pipeline would both write, before any work starts: two
/// sinks on one path, the quarantine, report or metrics file on a sink's output, a file inside a
/// folder a sink fills, or a state store (the ledger, a `history`) on an output. State stores may
/// share one file with each other, since they keep separate tables in one SQLite store.
///
/// The paths come from the options' declarations (``OptionField/writes``). Paths are compared as
/// standardized absolute paths; a state store is compared by its file
/// (``StateStoreLocation/filePath``), and one kept on a server or not usable by this build
/// (refused when its stage is built) is left out. Each clash is reported once, at the option written later in the
/// file, naming the earlier one.
struct OutputPathConflicts {
    /// One path the pipeline writes, where it is written and by whom.
    struct WrittenPath {
        /// The option's key (`path`, `quarantine`).
        let option: String
        /// The path as written, after `${VAR}` expansion.
        let value: String
        /// The standardized absolute path.
        let absolute: String
        /// How the path is used.
        let use: WrittenPathUse
        /// What the path is, for messages (`the ledger`, `the path of stage 'jsonl'`).
        let role: String
        /// Where the option's value is written.
        let position: SourcePosition?
        /// The file it is written in.
        let file: String?
    }

    /// The pipeline file, named in errors.
    private let file: String
    /// Every non-empty path the pipeline writes, in file order.
    private let paths: [WrittenPath]

    /// Gathers the written paths of a pipeline's settings and of its transforms and sinks, each
    /// with the position of its value, from the options' declarations.
    init(
        file: String, settings: PipelineSettings, settingLocations: OptionLocations,
        transforms: [StageDefinition<any TransformStage>], sinks: [StageDefinition<any SinkStage>]
    ) {
        var paths = settings.writtenPaths.compactMap { written in
            Self.written(
                written.key, written.path, use: written.use, role: written.label ?? "the \(written.key)",
                at: settingLocations.position(of: written.key), in: settingLocations.file(of: written.key))
        }
        let stages = transforms.map { ($0.typeName, $0.options, $0.locations) } + sinks.map { ($0.typeName, $0.options, $0.locations) }
        for (typeName, options, locations) in stages {
            paths += options.writtenPaths.compactMap { written in
                Self.written(
                    written.key, written.path, use: written.use, role: "the \(written.key) of stage '\(typeName)'",
                    at: locations.position(of: written.key), in: locations.file(of: written.key))
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
            message = "'\(later.value)' is also \(describe(earlier))"
        } else if earlier.use == .folder, Self.path(later.absolute, isInside: earlier.absolute) {
            message = "'\(later.value)' is inside '\(earlier.value)', \(describe(earlier))"
        } else if later.use == .folder, Self.path(earlier.absolute, isInside: later.absolute) {
            message = "'\(later.value)' holds '\(earlier.value)', \(describe(earlier))"
        } else {
            return nil
        }
        return ConfigError(file: later.file ?? file, at: later.position, message: "\(later.option): \(message)")
    }

    /// The written path, or `nil` for a state store that is no file this build writes.
    private static func written(
        _ option: String, _ value: String, use: WrittenPathUse, role: String, at position: SourcePosition?, in file: String
    ) -> WrittenPath? {
        let absolute = use == .stateStore ? (try? StateStoreLocation(value))?.filePath : URL(fileURLWithPath: value).standardizedFileURL.path
        return absolute.map { WrittenPath(option: option, value: value, absolute: $0, use: use, role: role, position: position, file: file) }
    }

    private static func path(_ path: String, isInside folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// `the quarantine file (line 3)`.
    private func describe(_ path: WrittenPath) -> String {
        let file = path.file.flatMap { $0 == self.file ? nil : $0 }
        return path.role + (path.position.map { " (\(file.map { $0 + " " } ?? "")line \($0.line))" } ?? "")
    }

    private static func order(_ position: SourcePosition?) -> (Int, Int) {
        (position?.line ?? 0, position?.column ?? 0)
    }
}
