import Foundation
import Testing

/// Small self-contained pages, as the run report will be, opened in a real headless Chromium.
@Suite("headless Chromium on self-contained pages", HeadlessChromium.required, .serialized)
final class BrowserHarnessTests {
    /// The test's pages, removed after it.
    let folder: URL

    init() throws { folder = try TestPaths.temporaryDirectory() }
    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes `html` to the file `name` in `folder`.
    func page(_ name: String, _ html: String) throws -> URL {
        let file = folder.appendingPathComponent(name)
        try html.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static let chart = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Run report</title>
        <style>body { margin: 0; background: #fff; font: 20px sans-serif } svg { position: absolute; left: 0; top: 100px }</style>
        </head><body>
        <h1>Run report</h1>
        <svg width="300" height="120" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="articles by stage">
          <rect x="10" y="0" width="40" height="100" fill="#3366cc"/>
          <rect x="60" y="40" width="40" height="60" fill="#dc3912"/>
          <text x="10" y="116" font-size="12">ingest normalize</text>
        </svg>
        </body></html>
        """

    @Test func aPageWithAnInlineSVGChartRendersToAPictureOfIt() throws {
        let png = try HeadlessChromium.screenshot(of: page("chart.html", Self.chart), size: (400, 300))
        let image = try PNGImage(png)
        #expect((image.width, image.height) == (400, 300))
        #expect(try !PNGImage.isBlank(png))
        #expect(image.distinctColours(limit: 10) >= 3)
        let white = PNGImage.Colour(red: 255, green: 255, blue: 255, alpha: 255)
        #expect(image.colour(x: 399, y: 299) == white)
        #expect(image.colour(x: 30, y: 150) == PNGImage.Colour(red: 0x33, green: 0x66, blue: 0xCC, alpha: 255))
        #expect(image.colour(x: 80, y: 180) == PNGImage.Colour(red: 0xDC, green: 0x39, blue: 0x12, alpha: 255))
        #expect(image.colour(x: 120, y: 150) == white)
    }

    @Test func aBlankPageIsBlank() throws {
        let blank = try page("blank.html", "<!doctype html><html><head><meta charset=\"utf-8\"></head><body style=\"background:#fff\"></body></html>")
        let png = try HeadlessChromium.screenshot(of: blank, size: (320, 200))
        #expect(try PNGImage.isBlank(png))
        let image = try PNGImage(png)
        #expect(image.distinctColours() == 1)
        #expect(image.colour(x: 0, y: 0) == PNGImage.Colour(red: 255, green: 255, blue: 255, alpha: 255))
    }

    @Test func theRenderedDOMHasWhatTheInlineScriptAdded() throws {
        let file = try page(
            "scripted.html",
            """
            <!doctype html>
            <html><head><meta charset="utf-8"></head><body><div id="chart"></div>
            <script>
            const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
            svg.setAttribute("data-chart", "stages");
            svg.setAttribute("data-bars", String(1 + 2));
            document.getElementById("chart").appendChild(svg);
            setTimeout(() => svg.setAttribute("data-drawn", "later"), 500);
            </script></body></html>
            """)
        let dom = try HeadlessChromium.renderedDOM(of: file)
        #expect(dom.contains(#"<div id="chart"><svg data-chart="stages" data-bars="3" data-drawn="later"></svg></div>"#))
    }

    @Test func aFaultyPagesErrorsAreReportedAndItsLogLinesAreNot() throws {
        let file = try page(
            "faulty.html",
            """
            <!doctype html>
            <html><head><meta charset="utf-8"></head><body><p>faulty</p>
            <script>console.error("report failed:", 42); console.log("just a log"); console.warn("just a warning");</script>
            <script>throw new Error("chart exploded");</script>
            <script>setTimeout(() => { throw new TypeError("late failure"); }, 100);</script>
            </body></html>
            """)
        let errors = try HeadlessChromium.consoleErrors(of: file)
        #expect(
            errors == [
                "console.error: report failed: 42 (faulty.html:3)",
                "Uncaught Error: chart exploded (faulty.html:4)",
                "Uncaught TypeError: late failure (faulty.html:5)",
            ])
    }

    @Test func aCleanPageHasNoErrors() throws {
        let file = try page(
            "clean.html",
            """
            <!doctype html>
            <html><head><meta charset="utf-8"></head><body><p id="total"></p>
            <script>console.log("drawing"); document.getElementById("total").textContent = "12 articles";</script>
            </body></html>
            """)
        #expect(try HeadlessChromium.consoleErrors(of: file) == [])
        #expect(try HeadlessChromium.consoleErrors(of: page("chart.html", Self.chart)) == [])
    }

    @Test func aPageThatNeverFinishesIsKilledAtTheTimeout() throws {
        let endless = try page("endless.html", "<!doctype html><html><body><script>while (true) {}</script></body></html>")
        let started = ContinuousClock.now
        #expect {
            try HeadlessChromium.renderedDOM(of: endless, timeout: 3)
        } throws: { error in
            "\(error)".contains("did not finish within 3 s and was killed")
        }
        #expect {
            try HeadlessChromium.consoleErrors(of: endless, timeout: 3)
        } throws: { error in
            "\(error)".contains("within 3 s")
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aMissingPageIsAnError() throws {
        let missing = folder.appendingPathComponent("missing.html")
        #expect(throws: HeadlessChromium.Failure.self) { try HeadlessChromium.renderedDOM(of: missing) }
    }
}
