import Testing

@testable import Copydesk

/// Options with every clean-up off, to switch on one at a time.
private let allOff: NormalizationOptions = {
    var options = NormalizationOptions()
    options.unifyQuotes = false
    options.unifyDashes = false
    options.unifyEllipses = false
    options.unifySpaces = false
    options.removeZeroWidth = false
    options.stripControl = false
    options.collapseWhitespace = false
    options.repairGluedSentences = false
    return options
}()

private func normalizer(_ change: (inout NormalizationOptions) -> Void) throws -> TextNormalizer {
    var options = allOff
    change(&options)
    return try TextNormalizer(options: options)
}

@Test func cleanASCIIBlockIsReturnedUnchanged() throws {
    let block = "The central bank kept its key rate at 3.5% on Thursday, citing slower growth in the U.S. and Europe."
    #expect(try TextNormalizer().normalize(block) == block)
}

@Test(arguments: [
    ("\u{201C}We will not wait,\u{201D} he said.", "\"We will not wait,\" he said.", "\u{201C}We will not wait,\u{201D} he said."),
    (
        "the \u{2018}one-China\u{2019} principle and the union\u{2019}s offer", "the 'one-China' principle and the union's offer",
        "the \u{2018}one-China\u{2019} principle and the union\u{2019}s offer"
    ),
    ("\u{00AB}Non,\u{00BB} a-t-il dit, \u{201E}Ja\u{201C}", "\"Non,\" a-t-il dit, \"Ja\"", "\u{00AB}Non,\u{00BB} a-t-il dit, \u{201E}Ja\u{201C}"),
])
func unifyQuotes(input: String, on: String, off: String) throws {
    #expect(try normalizer { $0.unifyQuotes = true }.normalize(input) == on)
    #expect(try normalizer { _ in }.normalize(input) == off)
}

@Test(arguments: [
    ("prices rose 4\u{2013}5% in 2019\u{2013}2020", "prices rose 4-5% in 2019-2020"),
    ("the port \u{2014} the country\u{2019}s second \u{2014} was shut", "the port - the country\u{2019}s second - was shut"),
    ("the port\u{2014}the second\u{2014}was shut", "the port - the second - was shut"),
    ("a temperature of \u{2212}12 degrees", "a temperature of -12 degrees"),
    ("call 555\u{2012}0199 or \u{2015} better \u{2015} write", "call 555-0199 or - better - write"),
    ("night-shift pay and cross\u{2010}border trade", "night-shift pay and cross-border trade"),
])
func unifyDashes(input: String, expected: String) throws {
    #expect(try normalizer { $0.unifyDashes = true }.normalize(input) == expected)
    #expect(try normalizer { _ in }.normalize(input) == input)
}

@Test func unifyEllipses() throws {
    let input = "energy cooperation \u{2026} and trade"
    #expect(try normalizer { $0.unifyEllipses = true }.normalize(input) == "energy cooperation ... and trade")
    #expect(try normalizer { _ in }.normalize(input) == input)
}

@Test func unifySpaces() throws {
    let input = "$227.7\u{00A0}billion and 1\u{202F}400 workers\u{2009}on strike"
    #expect(try normalizer { $0.unifySpaces = true }.normalize(input) == "$227.7 billion and 1 400 workers on strike")
    #expect(try normalizer { _ in }.normalize(input) == input)
}

@Test func removeZeroWidth() throws {
    let input = "\u{FEFF}Setu\u{200B}bal port\u{00AD}workers\u{200D}"
    #expect(try normalizer { $0.removeZeroWidth = true }.normalize(input) == "Setubal portworkers")
    #expect(try normalizer { _ in }.normalize(input) == input)
}

@Test func stripControl() throws {
    let input = "Dock\u{0007} workers\u{0085} walked\tout"
    #expect(try normalizer { $0.stripControl = true }.normalize(input) == "Dock workers walked\tout")
    #expect(try normalizer { _ in }.normalize(input) == input)
}

@Test func collapseWhitespace() throws {
    let input = "  Dock   workers\t walked\n\nout  "
    #expect(try normalizer { $0.collapseWhitespace = true }.normalize(input) == "Dock workers walked out")
    #expect(try normalizer { _ in }.normalize(input) == input)
}

@Test func unicodeFormComposesAndFoldsCompatibilityCharacters() throws {
    let decomposed = "Sete\u{0301}bal of\u{FB01}ce"
    #expect(try normalizer { $0.form = .nfc }.normalize(decomposed) == "Set\u{00E9}bal of\u{FB01}ce")
    #expect(try normalizer { $0.form = .nfkc }.normalize(decomposed) == "Set\u{00E9}bal office")
}

@Test(arguments: [
    ("the Kremlin aid said.The presidents summed up", "the Kremlin aid said. The presidents summed up"),
    (
        "\"We talked to Xi Jinping,\" the aide said.Then the statement read.\"It was once again stated",
        "\"We talked to Xi Jinping,\" the aide said. Then the statement read. \"It was once again stated"
    ),
    ("\"We will not wait.\"The union said so.", "\"We will not wait.\" The union said so."),
    ("Developments in Asia-Pacifi RegionWhen discussing the region", "Developments in Asia-Pacifi Region When discussing the region"),
    ("Record Bilateral Trade TurnoverThe trade between the two", "Record Bilateral Trade Turnover The trade between the two"),
    ("support the one-China principle.In addition, the leader", "support the one-China principle. In addition, the leader"),
    ("Was it over?No, said the union!Talks resume.", "Was it over? No, said the union! Talks resume."),
])
func repairsGluedSentences(input: String, expected: String) throws {
    #expect(try normalizer { $0.repairGluedSentences = true }.normalize(input) == expected)
    #expect(try normalizer { _ in }.normalize(input) == input)
}

@Test(arguments: [
    "growth of 3.5 percent and 2.75 percent",
    "officials in the U.S. and the U.K. said",
    "rules, e.g. the 2019 law, apply",
    "according to Sputnik.ru and example.com",
    "cooperation ...The progress of the projects",
    "Mr.Smith and Dr.Jones met in St.Petersburg",
    "McDonald and iPhone sales rose, YouTube and PayPal said",
    "LinkedIn and WhatsApp users",
    "Joint Energy Projects PromotionRussian President Vladimir Putin",
    "they switched to.NET last year",
])
func leavesNonGluesAlone(input: String) throws {
    #expect(try TextNormalizer().normalize(input) == input)
}

@Test func sentenceStarterListIsLoaded() throws {
    #expect(try GluedSentenceRepairer().sentenceStarterCount > 50)
}

@Test func normalisesAWholeBlockWithEveryOption() throws {
    let input = "  \u{201C}We won\u{2019}t wait\u{2026}\u{201D}\u{00A0}said Rui\u{200B} Almeida.The\u{2014}strike goes on  "
    #expect(try TextNormalizer().normalize(input) == "\"We won't wait...\" said Rui Almeida. The - strike goes on")
}

@Test(.needsSharedData) func seedSummaryGetsItsSentenceBreaksBack() throws {
    let summary = try SeedArticle.summary()
    let normalized = try TextNormalizer().normalize(summary)
    #expect(normalized.contains("the Kremlin aid said. The presidents"))
    #expect(normalized.contains("the statement read. \"It was once again"))
    #expect(normalized.contains("Asia-Pacifi Region When discussing"))
    #expect(normalized.contains("Trade Turnover The trade"))
    #expect(normalized.contains("Projects PromotionRussian President"))
    #expect(normalized.contains("$227.7 billion"))
    #expect(normalized.count == summary.count + 10)
}
