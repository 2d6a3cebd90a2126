import Testing

@testable import Copydesk

@Suite("HTML page metadata")
struct PageMetadataTests {
    func metadata(_ html: String, url: String? = nil) throws -> PageMetadata {
        let tree = try #require(HTMLTreeBuilder.parse(Array(html.utf8), encoding: "UTF-8"))
        return PageMetadata(tree: tree, hints: ContentHints.of(tree), pageURL: url)
    }

    @Test func jsonLDInAGraphGivesHeadlineDateAuthorsSectionAndPublisher() throws {
        let found = try metadata(
            """
            <html><head><title>Other | Site</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
            {"@type":["NewsArticle"],"headline":"Harbour dredging to start in June","datePublished":"2024-03-01T23:10:00-05:00",
            "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom O&#039;Neill"}],"articleSection":["Business","Ports"],
            "publisher":{"@type":"Organization","name":"Coastline Times"},"inLanguage":"en-gb"}]}</script></head><body></body></html>
            """)
        #expect(found.title == "Harbour dredging to start in June")
        #expect(found.date == "2024-03-01")
        #expect(found.authors == ["Ana Ruiz", "Tom O'Neill"])
        #expect(found.section == "Business")
        #expect(found.site == "Coastline Times")
        #expect(found.language == "en-GB")
        #expect(found.declaresArticle)
    }

    @Test func brokenJSONLDFallsBackToMetaTags() throws {
        let found = try metadata(
            """
            <html lang="fr"><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
            <meta property="og:title" content="Sean Penn &amp;amp;#039;proposes&amp;amp;#039; - Daily Wire">
            <meta property="og:site_name" content="Daily Wire"><meta name="author" content="By Jo Lee, Sam Park">
            <meta property="article:published_time" content="Tue, 05 Mar 2024 10:00:00 GMT">
            <link rel="canonical" href="/world/2024/03/05/penn.html"></head><body></body></html>
            """, url: "https://dailywire.example/x?y=1")
        #expect(found.title == "Sean Penn 'proposes'")
        #expect(found.authors == ["Jo Lee", "Sam Park"])
        #expect(found.date == "2024-03-05")
        #expect(found.url == "https://dailywire.example/world/2024/03/05/penn.html")
        #expect(found.language == "fr")
        #expect(!found.declaresArticle || found.date != nil)
    }

    @Test func theMarkupIsReadWhenThereIsNoMetadata() throws {
        let found = try metadata(
            """
            <html><head><title>Valley Courier - School board backs new bus contract</title></head><body>
            <h1>School board backs new bus contract</h1><p class="byline">By Dana Kim and Luis Ortega | Staff</p>
            <span class="posted-on"><time datetime="2024-02-29">Feb 29</time></span><p>Text.</p></body></html>
            """, url: "https://courier.example/news/bus-contract")
        #expect(found.title == "School board backs new bus contract")
        #expect(found.authors == ["Dana Kim", "Luis Ortega"])
        #expect(found.date == "2024-02-29")
        #expect(found.url == "https://courier.example/news/bus-contract")
        #expect(!found.declaresArticle)
    }

    @Test func theURLGivesTheDateLast() throws {
        let found = try metadata("<html><body><p>x</p></body></html>", url: "https://news.example/2023/11/07/story-name/")
        #expect(found.date == "2023-11-07")
    }

    @Test(arguments: [
        ("2024-03-14T09:30:00+01:00", "2024-03-14"), ("2024/03/14", "2024-03-14"), ("20240314", "2024-03-14"),
        ("March 14, 2024", "2024-03-14"), ("Published: Mar. 3rd, 2024 6:30am", "2024-03-03"), ("14 March 2024", "2024-03-14"),
        ("Thu, 14 Mar 2024 09:30:00 GMT", "2024-03-14"), ("31/03/2024", "2024-03-31"), ("03/31/2024", "2024-03-31"),
    ])
    func datesAreReadAsPagesWriteThem(_ text: String, _ date: String) {
        #expect(PageDate.parse(text) == date)
    }

    @Test func ambiguousAndImpossibleDatesAreNotGuessed() {
        #expect(PageDate.parse("05/04/2024") == nil)
        #expect(PageDate.parse("2024-02-30") == nil)
        #expect(PageDate.parse("an hour ago") == nil)
        #expect(PageDate.fromURL("https://x.example/2024/13/40/a") == nil)
    }

    @Test func bylinesGiveNames() {
        #expect(AuthorNames.parse("By Jane Doe and John Roe, Meridian Wire") == ["Jane Doe", "John Roe", "Meridian Wire"])
        #expect(AuthorNames.parse("Written by: Kemi Adebayo | March 3, 2024") == ["Kemi Adebayo"])
        #expect(AuthorNames.parse("https://example.org/profile/jane") == [])
        #expect(AuthorNames.parse("Staff Writer") == [])
        #expect(AuthorNames.parse("jane@example.org") == [])
    }

    @Test func titlesLoseTheSiteName() {
        #expect(PageTitle.clean("Bridge to close for repairs | The Valley Courier", site: "The Valley Courier") == "Bridge to close for repairs")
        #expect(PageTitle.clean("Courier - Mill Creek bridge to close for six weeks", site: nil) == "Mill Creek bridge to close for six weeks")
        #expect(PageTitle.clean("Mill Creek bridge to close for six weeks – Courier", site: nil) == "Mill Creek bridge to close for six weeks")
        #expect(PageTitle.clean("Yes - No", site: nil) == "Yes - No")
    }
}
