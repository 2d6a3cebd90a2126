import ArgumentParser
import Copydesk
import Foundation

/// `copydesk report RUN_ID`: draws an earlier run's HTML page again from the SQLite output.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild the HTML run report of an earlier run from the SQLite output.",
        discussion: """
            Every run of a pipeline with report_html and a sqlite sink keeps what its page showed \
            in the database's run_reports table; this draws the page again, byte for byte. The \
            database is the --pipeline's sqlite sink (${VAR}s from the environment, as for run), \
            else --database (default out/copydesk.sqlite). Exit 0 when the page was written, 1 \
            when the database keeps no page of RUN_ID, 3 when it cannot be read.
            """
    )

    @Argument(help: "The run's id (run_id in the outputs, the report's run_id).")
    var runID: String

    @Option(help: "Pipeline YAML file whose sqlite sink holds the run.")
    var pipeline: String?

    @Option(help: "SQLite output holding the run, when no --pipeline is given.")
    var database = "out/copydesk.sqlite"

    @Option(name: .shortAndLong, help: "Write the page here instead of standard output.")
    var output: String?

    func run() throws {
        var path = database
        if let pipeline {
            do {
                let definition = try PipelineLoader().load(path: pipeline)
                guard let sqlite = definition.firstOptions(SQLiteSink.Options.self)?.path else {
                    Terminal.error("\(pipeline): the pipeline has no sqlite sink, where run pages are kept")
                    throw ExitCode(ExitStatus.configError.rawValue)
                }
                path = sqlite
            } catch let exit as ExitCode {
                throw exit
            } catch {
                Terminal.error("\(error)")
                throw ExitCode(ExitStatus.classify(error).rawValue)
            }
        }
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("\(path): does not exist")
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
        let page: RunReportPage?
        do {
            page = try RunReportStore.load(runID: runID, sqlite: path)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
        guard let page else {
            Terminal.error("\(runID): \(path) keeps no page of this run (it ran without report_html, or before pages were kept)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let html = page.html()
        guard let output else {
            print(html, terminator: "")
            return
        }
        do {
            let writer = try AtomicFileWriter(path: output)
            try writer.write(html)
            try writer.commit()
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.outputError.rawValue)
        }
    }
}
