import Foundation
import Testing

@testable import Copydesk

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The HTML run report (`report_html:`) of real runs on the shipped samples, and its parts.
@Suite("HTML run report", .enabled(if: CLIRunner.isAvailable, "the copydesk binary is built with the tests"))
struct RunReportPageTests {
    /// A pipeline reading every sample (text drops and HTML pages, two of which are refused),
    /// dropping the duplicates, into SQLite, with the JSON report, the quarantine and the page.
    static func pipeline(out: URL, input: String = TestPaths.repository.appendingPathComponent("samples").path) throws -> String {
        let file = out.appendingPathComponent("report.yaml")
        try """
        name: samples-report
        quarantine: \(out.path)/quarantine.jsonl
        report: \(out.path)/report.json
        report_html: \(out.path)/report.html
        stages:
          - {type: files, path: "\(input)"}
          - {type: normalize}
          - {type: dedupe}
          - {type: segment}
          - {type: extract}
          - {type: sqlite, path: "\(out.path)/copydesk.sqlite"}
        """.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// The page as an XML document (libxml2 through Foundation's parser): it must be well-formed.
    static func parse(_ page: URL) throws -> PageElements {
        let elements = PageElements()
        let parser = XMLParser(data: try Data(contentsOf: page))
        parser.delegate = elements
        #expect(parser.parse(), "well-formed: \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        return elements
    }

    @Test func thePageOfTheSamplesHoldsTheirCountsReasonsAndDuplicateCluster() throws {
        let out = try TestPaths.temporaryDirectory()
        let run = try CLIRunner.run(["run", try Self.pipeline(out: out)])
        #expect(run.status == 0, "\(run.stderr)")
        let page = out.appendingPathComponent("report.html")
        let elements = try Self.parse(page)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let articles = try #require(report["articles"] as? [String: Int])
        for (name, key) in [("read", "read"), ("written", "written"), ("duplicates", "duplicates"), ("filtered", "filtered")] {
            #expect(elements.text(of: "span", where: "data-count", is: name) == HTMLText.count(articles[key] ?? -1), "\(name)")
        }
        #expect(articles["duplicates"] == 2)

        let quarantine = try String(contentsOf: out.appendingPathComponent("quarantine.jsonl"), encoding: .utf8)
        let reasons = try quarantine.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["reason"] as? String
        }
        #expect(!reasons.isEmpty)
        for reason in Set(reasons.compactMap { $0 }) {
            let count = reasons.filter { $0 == reason }.count
            #expect(elements.attributes(of: "div", where: "data-reason", is: reason)?["data-count"] == "\(count)", "\(reason)")
        }

        // The samples' one cluster: the Rotterdam strike story, its repost and its wire version.
        let clusters = elements.all("article", with: "data-survivor")
        #expect(clusters.count == 1)
        #expect(clusters.first?["data-size"] == "2")
        let sides = elements.all("div", with: "data-id")
        let survivor = try #require(sides.first { $0["class"] == "side survivor" })
        let duplicates = sides.filter { $0["class"] == "side duplicate" }
        #expect(duplicates.count == 2)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("samples/001_rotterdam_port_strike.txt:1"))
        #expect(html.contains("samples/004_rotterdam_port_strike_repost.txt:1"))
        #expect(html.contains("samples/005_rotterdam_port_strike_wire.txt:1"))
        #expect(html.contains("Container traffic at Europe&#39;s busiest port stopped on Tuesday"), "the wire version's own opening, marked")
        #expect(html.contains("<ins>"), "the words only the duplicate has are marked")
        #expect(survivor["data-id"] != nil && !duplicates.contains { $0["data-id"] == survivor["data-id"] })
        #expect(elements.all("div", with: "data-similarity").map { $0["data-similarity"] ?? "" }.contains("1.000"), "the repost is the same text")
        #expect(html.contains("<code>earliest_date</code> rule"))

        for chart in [
            "flow through the stages", "busy seconds per stage", "articles over time", "quarantined records by reason", "articles per date",
        ] {
            #expect(elements.all("svg", with: "data-chart").contains { $0["data-chart"] == chart }, "\(chart)")
        }
        #expect(html.utf8.count < 1 << 20)
        try Self.expectSelfContained(elements)
    }

    @Test func aFailedRunStillWritesItsPage() throws {
        let out = try TestPaths.temporaryDirectory()
        let run = try CLIRunner.run(["run", try Self.pipeline(out: out, input: out.appendingPathComponent("missing").path)])
        #expect(run.status == 3, "\(run.stderr)")
        let elements = try Self.parse(out.appendingPathComponent("report.html"))
        #expect(elements.text(of: "span", where: "class", is: "status failed") == "failed")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<th>Exit code</th><td>3</td>"))
        #expect(html.contains("missing"), "the page says why")
        try Self.expectSelfContained(elements)
    }

    @Test func aCronRunShowsThePreviousRunsOfItsSQLiteOutput() throws {
        let out = try TestPaths.temporaryDirectory()
        let pipeline = try Self.pipeline(out: out)
        for _ in 0..<3 { #expect(try CLIRunner.run(["run", pipeline]).status == 0) }
        let elements = try Self.parse(out.appendingPathComponent("report.html"))
        let trend = try #require(elements.all("polyline", with: "data-value").first { $0["data-label"] == "articles written per run" })
        #expect(trend["data-value"]?.split(separator: " ").count == 3, "\(trend)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let read = try #require((report["articles"] as? [String: Int])?["read"])
        let quarantined = try #require(report["quarantined"] as? Int)
        let trends = elements.all("polyline", with: "data-value")
        #expect(trends.first { $0["data-label"] == "articles read per run" }?["data-value"] == "\(read) \(read) \(read)", "from each run's kept page")
        #expect(trends.first { $0["data-label"] == "records quarantined per run" }?["data-value"] == "\(quarantined) \(quarantined) \(quarantined)")
    }

    @Test func anEarlierRunsPageIsRebuiltByteForByteFromTheSQLiteOutput() throws {
        let out = try TestPaths.temporaryDirectory()
        let pipeline = try Self.pipeline(out: out)
        let page = out.appendingPathComponent("report.html")
        var pages: [(runID: String, html: Data)] = []
        for _ in 0..<2 {
            #expect(try CLIRunner.run(["run", pipeline]).status == 0)
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
            pages.append((report?["run_id"] as? String ?? "", try Data(contentsOf: page)))
        }
        #expect(pages[0].html != pages[1].html, "the second run's page replaced the first")
        let rebuilt = out.appendingPathComponent("first.html")
        let run = try CLIRunner.run(["report", pages[0].runID, "--pipeline", pipeline, "--output", rebuilt.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: rebuilt) == pages[0].html)
        let printed = try CLIRunner.run(["report", pages[1].runID, "--database", out.appendingPathComponent("copydesk.sqlite").path])
        #expect(Data(printed.stdout.utf8) == pages[1].html)
        let unknown = try CLIRunner.run(["report", "no-such-run", "--pipeline", pipeline])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no-such-run: \(out.path)/copydesk.sqlite keeps no page of this run"), "\(unknown.stderr)")
    }

    @Test(HeadlessChromium.required)
    func aBrowserDrawsThePageWithItsChartsAndNoScriptError() throws {
        let out = try TestPaths.temporaryDirectory()
        #expect(try CLIRunner.run(["run", try Self.pipeline(out: out)]).status == 0)
        let page = out.appendingPathComponent("report.html")
        let screenshot = try HeadlessChromium.screenshot(of: page, size: (1200, 2400))
        #expect(try !PNGImage.isBlank(screenshot), "the screenshot shows the page")
        let dom = try HeadlessChromium.renderedDOM(of: page)
        for chart in [
            "flow through the stages", "busy seconds per stage", "articles over time", "quarantined records by reason", "articles per date",
        ] {
            #expect(dom.contains("data-chart=\"\(chart)\""), "\(chart)")
        }
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let written = try #require((report["articles"] as? [String: Int])?["written"])
        #expect(dom.contains("class=\"stage\" data-label=\"dedupe\" data-value=\"\(written)\""), "the flow chart carries its counts")
        #expect(dom.contains("<rect class=\"column\" data-label=\"2024-03-12\" data-value=\"1\""), "one Rotterdam story survives its cluster")
        #expect(try HeadlessChromium.consoleErrors(of: page) == [])
    }

    /// Nothing on the page loads from elsewhere: no script or style file, image, frame or link
    /// that points outside it.
    static func expectSelfContained(_ elements: PageElements) throws {
        for (name, attributes) in elements.elements {
            #expect(!["script", "link", "img", "iframe", "object", "embed", "image", "use"].contains(name) || attributes["src"] == nil, "\(name)")
            for (attribute, value) in attributes {
                #expect(!["src", "href", "xlink:href", "srcset"].contains(attribute), "\(name) \(attribute)=\(value)")
                #expect(!value.contains("http") && !value.contains("//") && !value.contains("url("), "\(name) \(attribute)=\(value)")
            }
        }
        #expect(!elements.styleText.contains("url(") && !elements.styleText.contains("@import") && !elements.styleText.contains("@font-face"))
    }
}
