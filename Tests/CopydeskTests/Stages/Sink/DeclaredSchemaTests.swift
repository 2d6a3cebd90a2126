import Foundation
import Testing

@testable import Copydesk

/// The schemas Copydesk declares for its outputs, the `datapackage.json` of the `csv` sink and
/// the record schema of `copydesk schema --record`: their content follows the output tables,
/// and real validators (`frictionless`, `jsonschema`) accept what the shipped pipelines write
/// and refuse a broken copy of it.
@Suite("declared output schemas")
struct DeclaredSchemaTests {
    /// The members of a JSON object, when `value` is one.
    static func object(_ value: JSONValue?) -> [String: JSONValue]? {
        guard case .object(let members)? = value else { return nil }
        return members
    }

    /// The elements of a JSON array, when `value` is one.
    static func array(_ value: JSONValue?) -> [JSONValue]? {
        guard case .array(let elements)? = value else { return nil }
        return elements
    }

    /// The strings of a JSON array of strings.
    static func strings(_ value: JSONValue?) -> [String]? {
        array(value)?.compactMap { element in
            guard case .string(let text) = element else { return nil }
            return text
        }
    }

    /// The resources of a descriptor, by name.
    static func resources(_ descriptor: DataPackageDescriptor) throws -> [String: [String: JSONValue]] {
        let resources = try #require(array(object(descriptor.document())?["resources"]))
        var byName: [String: [String: JSONValue]] = [:]
        for resource in resources {
            let members = try #require(object(resource))
            guard case .string(let name)? = members["name"] else {
                Issue.record("a resource without a name: \(members)")
                continue
            }
            byName[name] = members
        }
        return byName
    }

    /// The Table Schema type of a column of `kind`.
    static func tableSchemaType(_ kind: OutputColumn.Kind) -> String {
        switch kind {
        case .text: "string"
        case .integer: "integer"
        case .real: "number"
        }
    }

    @Test func everyTableIsOneResourceWithItsColumnsAndKey() throws {
        let tables = OutputTable.all
        let descriptor = DataPackageDescriptor(tables: tables)
        let document = try #require(Self.object(descriptor.document()))
        #expect(document["profile"] == .string("tabular-data-package"))
        #expect(Self.array(document["resources"])?.count == tables.count)
        let resources = try Self.resources(descriptor)
        for table in tables {
            let resource = try #require(resources[table.name], "\(table.name)")
            #expect(resource["path"] == .string("\(table.name).csv"))
            #expect(resource["profile"] == .string("tabular-data-resource"))
            #expect(resource["format"] == .string("csv"))
            #expect(resource["mediatype"] == .string("text/csv"))
            #expect(resource["encoding"] == .string("utf-8"))
            #expect(resource["dialect"] == DataPackageDescriptor.dialect)
            let schema = try #require(Self.object(resource["schema"]))
            let fields = try #require(Self.array(schema["fields"])).compactMap(Self.object)
            #expect(fields.map { $0["name"] } == table.columns.map(JSONValue.string), "\(table.name): fields in column order")
            for (field, column) in zip(fields, table.schema) {
                #expect(field["type"] == .string(Self.tableSchemaType(column.kind)), "\(table.name).\(column.name)")
                let required = Self.object(field["constraints"])?["required"]
                #expect(required == (column.isNullable ? nil : .bool(true)), "\(table.name).\(column.name)")
            }
            #expect(Self.strings(schema["primaryKey"]) == table.key)
            #expect(Self.strings(schema["missingValues"]) == [""])
            let foreignKeys = Self.array(schema["foreignKeys"]) ?? []
            if table.columns.contains("article_id") {
                #expect(
                    foreignKeys == [
                        .object([
                            "fields": .array([.string("article_id")]),
                            "reference": .object(["resource": .string("articles"), "fields": .array([.string("id")])]),
                        ])
                    ], "\(table.name)")
            } else {
                #expect(foreignKeys.isEmpty, "\(table.name)")
            }
        }
        #expect(resources["duplicates"]?["schema"].flatMap { Self.object($0)?["foreignKeys"] } != nil, "duplicates point at articles")
    }

    @Test func withoutArticlesNoTableReferencesThem() throws {
        let resources = try Self.resources(DataPackageDescriptor(tables: [.entities, .quotes]))
        #expect(resources.keys.sorted() == ["entities", "quotes"])
        for resource in resources.values {
            #expect(Self.object(resource["schema"])?["foreignKeys"] == nil)
        }
    }

    @Test func theDialectIsWhatTheEncoderWrites() throws {
        var encoder = CSVRecordEncoder()
        encoder.appendHeader(["a", "b"])
        encoder.text("x,\"y\"")
        encoder.null()
        encoder.endRow()
        encoder.text("")
        encoder.integer(3)
        encoder.endRow()
        #expect(String(decoding: encoder.bytes, as: UTF8.self) == "a,b\r\n\"x,\"\"y\"\"\",\r\n\"\",3\r\n")
        let dialect = try #require(Self.object(DataPackageDescriptor.dialect))
        #expect(dialect["header"] == .bool(true))
        #expect(dialect["delimiter"] == .string(","))
        #expect(dialect["lineTerminator"] == .string("\r\n"))
        #expect(dialect["quoteChar"] == .string("\""))
        #expect(dialect["doubleQuote"] == .bool(true))
        #expect(DataPackageDescriptor.missingValues == [""], "a null is an empty field")
    }

    @Test func theDescriptorTextIsStableWithSortedKeys() throws {
        let text = DataPackageDescriptor(tables: OutputTable.all).text()
        #expect(text == DataPackageDescriptor(tables: OutputTable.all).text())
        #expect(text.hasSuffix("}\n"))
        let top = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(top.keys.sorted() == ["name", "profile", "resources"])
        #expect(text.firstRange(of: "\"name\"")!.lowerBound < text.firstRange(of: "\"profile\"")!.lowerBound)
    }

    @Test func theSinkCommitsTheDescriptorOfItsTables() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let options = CSVSink.Options.with {
            $0.directory = directory.path; $0.tables = ["articles", "entities"]
        }
        let sink = try CSVSink(options: options, context: StageContext(run: RunSettings(runID: "run-1")))
        try await sink.write([SinkTestArticles.tromso()])
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("datapackage.json").path))
        try await sink.commit()
        let written = try String(contentsOf: directory.appendingPathComponent("datapackage.json"), encoding: .utf8)
        #expect(written == DataPackageDescriptor(tables: [.articles, .entities]).text())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["articles.csv", "datapackage.json", "entities.csv"])
    }

    @Test func aDiscardedRunLeavesNoDescriptor() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let sink = try CSVSink(options: .with { $0.directory = directory.path }, context: StageContext(run: RunSettings(runID: "run-1")))
        try await sink.write([SinkTestArticles.tromso()])
        await sink.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    /// A descriptor that cannot be renamed into place fails the commit and leaves no temporary file.
    @Test func aDescriptorThatCannotBeCommittedLeavesNothingBehind() async throws {
        let directory = try TestPaths.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("datapackage.json/blocker"), withIntermediateDirectories: true)
        let sink = try CSVSink(
            options: .with {
                $0.directory = directory.path; $0.tables = ["articles"]
            }, context: StageContext(run: RunSettings()))
        try await sink.write([SinkTestArticles.tromso()])
        await #expect(throws: AtomicFileWriter.Failure.self) { try await sink.commit() }
        await sink.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") } == [])
    }

    // MARK: - The record schema

    @Test func theRecordSchemaHasEveryKeyAnArticleIsWrittenWith() throws {
        let schema = try #require(Self.object(RecordSchema().document()))
        #expect(schema["$schema"] == .string(RecordSchema.draft))
        #expect(schema["additionalProperties"] == .bool(false))
        let properties = try #require(Self.object(schema["properties"]))
        let encoder = JSONEncoder()
        for article in [SinkTestArticles.tromso(), SinkTestArticles.beijing()] {
            let record = try #require(try JSONSerialization.jsonObject(with: try encoder.encode(article)) as? [String: Any])
            #expect(Set(properties.keys) == Set(record.keys))
        }
        #expect(Self.strings(schema["required"]) == properties.keys.sorted())
        #expect(Self.object(properties["extra"])?["additionalProperties"] == nil, "extra is an open object")
        #expect(properties["title"] == .object(["type": .array([.string("string"), .string("null")])]))
        #expect(properties["content_key"] == .object(["type": .string("string")]), "a record always has its content key")
    }

    @Test(arguments: RecordSchema.annotations.map { ($0.key, $0.table.name, $0.definition) })
    func anAnnotationHasItsTablesColumnsBarTheRowKey(key: String, table: String, definition: String) throws {
        let schema = try #require(Self.object(RecordSchema().document()))
        let item = try #require(Self.object(Self.object(schema["$defs"])?[definition]))
        let properties = try #require(Self.object(item["properties"]))
        let columns = try #require(OutputTable.named(table)).schema.filter { $0.name != "article_id" && $0.name != "idx" }
        #expect(properties.keys.sorted() == columns.map(\.name).sorted())
        for column in columns {
            let type = Self.object(properties[column.name])?["type"]
            let name = JSONValue.string(column.kind.schemaTypeName)
            #expect(type == (column.isNullable ? .array([name, .string("null")]) : name), "\(table).\(column.name)")
        }
        #expect(Self.strings(item["required"]) == columns.map(\.name).sorted())
        #expect(item["additionalProperties"] == .bool(false))
        let list = try #require(Self.object(Self.object(schema["properties"])?[key]))
        #expect(Self.object(list["items"])?["$ref"] == .string("#/$defs/\(definition)"))
    }

    @Test func theSourceObjectHasTheSourceColumns() throws {
        let schema = try #require(Self.object(RecordSchema().document()))
        let source = try #require(Self.object(Self.object(schema["$defs"])?["source"]))
        #expect(
            Self.object(source["properties"])?.keys.sorted() == ["format", "line", "member", "offset", "path", "record_id"])
        #expect(Self.object(Self.object(source["properties"])?["offset"])?["type"] == .array([.string("integer"), .string("null")]))
    }

    @Test(.enabled(if: CLIRunner.isAvailable))
    func theSchemaCommandPrintsTheRecordSchema() throws {
        let result = try CLIRunner.run(["schema", "--record"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == RecordSchema().text())
    }

    @Test func theCommittedRecordSchemaIsCurrent() throws {
        let committed = try String(
            contentsOfFile: TestPaths.repository.appendingPathComponent("docs/record.schema.json").path, encoding: .utf8)
        #expect(committed == RecordSchema().text(), "run `make docs` to regenerate docs/record.schema.json")
    }
}

/// The shipped pipelines' outputs checked by real validators.
@Suite("declared output schemas: frictionless and jsonschema", .serialized, .enabled(if: CLIRunner.isAvailable), OutputValidator.required)
struct DeclaredSchemaValidationTests {
    /// The shipped pipelines this suite does not run, with why.
    static let notRun = [
        "daily-postgres": "needs a PostgreSQL server (PostgresPipelineTests runs it)",
        "sharded": "runs in phases with --shard (ShardedRunTests runs it)",
    ]

    /// The shipped pipelines (less their `.tests.yaml`), by name.
    static let shipped: [String] = {
        let folder = TestPaths.repository.appendingPathComponent("pipelines").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".tests.yaml") }.map { String($0.dropLast(".yaml".count)) }.sorted()
    }()

    /// The record schema as `copydesk schema --record` prints it.
    static func recordSchema() throws -> String {
        let result = try CLIRunner.run(["schema", "--record"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Runs the pipeline file at `pipeline` on `input` into a new folder, which it returns.
    static func run(_ pipeline: String, input: String, reprocess: Bool = false) throws -> URL {
        let out = try TestPaths.temporaryDirectory()
        let result = try CLIRunner.run(
            ["run"] + (reprocess ? ["--reprocess"] : []) + [pipeline], environment: ["INPUT": input, "OUT": out.path])
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    /// The shipped pipeline `name`'s file.
    static func pipelinePath(_ name: String) -> String {
        TestPaths.repository.appendingPathComponent("pipelines/\(name).yaml").path
    }

    /// The samples a shipped pipeline reads: saved pages for `html`, text drops otherwise.
    static func samples(for name: String) -> String {
        TestPaths.repository.appendingPathComponent(name == "html" ? "samples/html" : "samples").path
    }

    static func expectValidPackage(_ descriptor: String, tables: [String]) throws {
        let report = try OutputValidator.validatePackage(descriptor)
        #expect(report.valid, "\(report.errors)")
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.resources == tables)
    }

    static func expectValidRecords(_ file: String, schema: String) throws {
        let report = try OutputValidator.validateRecords(file, schema: schema)
        #expect(report.lines > 0, "\(file) holds records")
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.validator == "Draft202012Validator")
    }

    @Test func everyShippedPipelineIsRunOrSaysWhyNot() {
        #expect(Self.shipped.count >= 3)
        for name in Self.notRun.keys { #expect(Self.shipped.contains(name), "\(name) is still shipped") }
    }

    @Test(arguments: shipped.filter { notRun[$0] == nil })
    func theShippedPipelinesOutputsValidate(name: String) throws {
        let pipeline = Self.pipelinePath(name)
        let out = try Self.run(pipeline, input: Self.samples(for: name), reprocess: name == "reprocess-archive")
        try Self.expectValidRecords(out.appendingPathComponent("articles.jsonl").path, schema: try Self.recordSchema())
        let descriptor = out.appendingPathComponent("tables/datapackage.json").path
        if try String(contentsOfFile: pipeline, encoding: .utf8).contains("type: csv") {
            #expect(FileManager.default.fileExists(atPath: descriptor))
            try Self.expectValidPackage(descriptor, tables: OutputTable.csvDefaultNames)
        } else {
            #expect(!FileManager.default.fileExists(atPath: descriptor))
        }
    }

    /// Every table, `duplicates` too, with the duplicates marked rather than dropped.
    @Test func everyTableWithMarkedDuplicatesValidates() throws {
        let text = try String(contentsOfFile: Self.pipelinePath("default"), encoding: .utf8)
        let everyTable = "[" + OutputTable.all.map(\.name).joined(separator: ", ") + "]"
        let changed =
            text
            .replacingOccurrences(of: "  - type: dedupe\n", with: "  - type: dedupe\n    duplicates: mark\n")
            .replacingOccurrences(of: "    directory: ${OUT:-out}/tables\n", with: "    directory: ${OUT:-out}/tables\n    tables: \(everyTable)\n")
        #expect(changed.contains("duplicates: mark") && changed.contains("tables: ["))
        let pipeline = try TestPaths.temporaryDirectory().appendingPathComponent("every-table.yaml").path
        try changed.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let out = try Self.run(pipeline, input: Self.samples(for: "default"))
        let duplicates = try String(contentsOf: out.appendingPathComponent("tables/duplicates.csv"), encoding: .utf8)
        #expect(duplicates.split(separator: "\r\n").count == 3, "a header and two duplicates")
        try Self.expectValidPackage(out.appendingPathComponent("tables/datapackage.json").path, tables: OutputTable.all.map(\.name))
        try Self.expectValidRecords(out.appendingPathComponent("articles.jsonl").path, schema: try Self.recordSchema())
    }

    /// Text in an integer column and a row of an article not in `articles` are both caught.
    @Test func aBrokenTableIsCaught() throws {
        let out = try Self.run(Self.pipelinePath("default"), input: Self.samples(for: "default"))
        let tables = out.appendingPathComponent("tables")
        let paragraphs = tables.appendingPathComponent("paragraphs.csv")
        // Paragraph rows hold no quoted field, so they split on commas.
        var lines = try String(contentsOf: paragraphs, encoding: .utf8).components(separatedBy: "\r\n")
        var first = lines[1].components(separatedBy: ",")
        first[3] = "twelve"
        lines[1] = first.joined(separator: ",")
        var second = lines[2].components(separatedBy: ",")
        second[0] = "no-such-article"
        lines[2] = second.joined(separator: ",")
        try lines.joined(separator: "\r\n").write(to: paragraphs, atomically: true, encoding: .utf8)

        let report = try OutputValidator.validatePackage(tables.appendingPathComponent("datapackage.json").path)
        #expect(!report.valid)
        let found = report.errors.filter { $0.place == "paragraphs" }.compactMap(\.type)
        #expect(found.contains("type-error"), "\(report.errors)")
        #expect(found.contains("foreign-key"), "\(report.errors)")
        #expect(report.errors.allSatisfy { $0.place == "paragraphs" }, "\(report.errors)")
    }

    /// A null in a required column (an empty field where `text` must be) is caught too.
    @Test func aMissingRequiredCellIsCaught() throws {
        let out = try Self.run(Self.pipelinePath("default"), input: Self.samples(for: "default"))
        let tables = out.appendingPathComponent("tables")
        let paragraphs = tables.appendingPathComponent("paragraphs.csv")
        var lines = try String(contentsOf: paragraphs, encoding: .utf8).components(separatedBy: "\r\n")
        var row = lines[1].components(separatedBy: ",")
        row[2] = ""
        lines[1] = row.joined(separator: ",")
        try lines.joined(separator: "\r\n").write(to: paragraphs, atomically: true, encoding: .utf8)
        let report = try OutputValidator.validatePackage(tables.appendingPathComponent("datapackage.json").path)
        #expect(!report.valid)
        #expect(report.errors.contains { $0.place == "paragraphs" && $0.type == "constraint-error" }, "\(report.errors)")
    }

    /// A record missing a key, one with a key of the wrong type and one with an unknown key are
    /// each caught on their line; an unknown key inside `extra` is not.
    @Test func brokenRecordsAreCaught() throws {
        let out = try Self.run(Self.pipelinePath("default"), input: Self.samples(for: "default"))
        let file = out.appendingPathComponent("articles.jsonl")
        var records = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(records.count >= 4)
        records[0]["id"] = nil
        var paragraphs = try #require(records[1]["paragraphs"] as? [[String: Any]])
        paragraphs[0]["start_offset"] = "0"
        records[1]["paragraphs"] = paragraphs
        records[2]["run_id"] = "run-1"
        records[3]["extra"] = ["any": ["thing": true]]
        let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)

        let report = try OutputValidator.validateRecords(file.path, schema: try Self.recordSchema())
        #expect(report.lines == records.count)
        #expect(Set(report.errors.map(\.line)) == [1, 2, 3], "\(report.errors)")
        #expect(report.errors.contains { $0.line == 1 && $0.message.contains("'id' is a required property") }, "\(report.errors)")
        #expect(report.errors.contains { $0.line == 2 && $0.path == "/paragraphs/0/start_offset" }, "\(report.errors)")
        #expect(report.errors.contains { $0.line == 3 && $0.message.contains("run_id") }, "\(report.errors)")
    }
}
