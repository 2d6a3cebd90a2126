import Foundation

/// Writes the output tables (see `docs/outputs.md`) as one RFC 4180 CSV file per table, with
/// the same columns as the `sqlite` sink's tables, and a Frictionless Data Package descriptor
/// of them (``DataPackageDescriptor``, `datapackage.json`). Every file is written under a
/// temporary name and renamed into place when the run succeeds, the descriptor last, so it is
/// never newer than the tables it describes; a failed run leaves the previous files intact.
public actor CSVSink: SinkStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "csv"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary =
        "Writes one RFC 4180 CSV file per output table and their datapackage.json, atomically (temporary files renamed on success)."

    /// The sink's options.
    public struct Options: DeclaredOptions {
        /// Output folder.
        public var directory = ""
        /// Tables to write.
        public var tables = OutputTable.csvDefaultNames

        /// Writes nowhere until `directory` is set.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .string(
                "directory", \.directory, required: true, writes: .folder,
                doc: "Output folder for `<table>.csv` and their `datapackage.json`; created when missing."),
            .strings("tables", \.tables, doc: "Tables to write, out of " + OutputTable.all.map(\.name).joined(separator: ", ") + "."),
        ]
    }

    private let directory: String
    private let tables: [OutputTable]
    private let runID: String
    private var files: [CSVTableFile]?

    /// The files the run locks for this stage.
    public nonisolated var lockPaths: [String] { [directory] }

    /// One file per table, then the descriptor.
    public nonisolated var outputs: [String] {
        (tables.map { "\($0.name).csv" } + [DataPackageDescriptor.fileName]).map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        directory = options.directory
        guard !directory.isEmpty else { throw context.invalid(\Options.directory, "must not be empty") }
        var tables: [OutputTable] = []
        for name in options.tables where !tables.contains(where: { $0.name == name }) {
            guard let table = OutputTable.named(name) else {
                throw context.invalid(\Options.tables, "unknown table '\(name)'; known: " + OutputTable.all.map(\.name).joined(separator: ", "))
            }
            tables.append(table)
        }
        guard !tables.isEmpty else { throw context.invalid(\Options.tables, "must name at least one table") }
        self.tables = tables
        runID = context.run.runID
    }

    /// Writes one batch, in input order.
    public func write(_ articles: [Article]) throws {
        for file in try openFiles() { try file.append(articles, runID: runID) }
    }

    /// Makes what this run wrote visible: writes the descriptor under its temporary name, then
    /// renames the CSV files into place and the descriptor last. Should any step fail, the
    /// descriptor's temporary file is deleted and the previous descriptor stays.
    public func commit() throws {
        let opened = try openFiles()
        let descriptor = try AtomicFileWriter(path: (directory as NSString).appendingPathComponent(DataPackageDescriptor.fileName))
        do {
            try descriptor.write(DataPackageDescriptor(tables: tables).text())
            try descriptor.flush()
            for file in opened { try file.commit() }
            try descriptor.commit()
        } catch {
            descriptor.discard()
            throw error
        }
        files = nil
    }

    /// Throws away what this run wrote (see the type's doc for what remains).
    public func discard() {
        for file in files ?? [] { file.discard() }
        files = nil
    }

    /// The temporary files of this run, created with their header rows on first use.
    private func openFiles() throws -> [CSVTableFile] {
        if let files { return files }
        var opened: [CSVTableFile] = []
        do {
            for table in tables { opened.append(try CSVTableFile(table: table, directory: directory)) }
        } catch {
            for file in opened { file.discard() }
            throw error
        }
        files = opened
        return opened
    }
}
