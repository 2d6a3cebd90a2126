import Testing

@testable import Copydesk

@Suite("heading classification")
struct HeadingClassifierTests {
    let classifier = HeadingClassifier()

    @Test(arguments: [
        "Joint Energy Projects Promotion",
        "Developments in Asia-Pacifi Region",
        "Russia, China Renounce US Interference in Other State's Affairs",
        "Markets Rally",
        "What Happens Next",
    ])
    func headings(line: String) {
        #expect(classifier.isHeading(Substring(line), index: 3, count: 8))
    }

    @Test(arguments: [
        "The trade between the two countries has exceeded the target level of $200 billion.",
        "\"We will not accept it\"",
        "Shares fell:",
        "- a bullet point without punctuation",
        "or a line that starts in lower case",
        "This line has far too many words to be a heading even though it lacks any final punctuation mark at all",
    ])
    func notHeadings(line: String) {
        #expect(!classifier.isHeading(Substring(line), index: 3, count: 8))
    }

    @Test func firstAndLastBlocksAreNeverHeadings() {
        #expect(!classifier.isHeading("Markets Rally", index: 0, count: 5))
        #expect(!classifier.isHeading("Markets Rally", index: 4, count: 5))
    }
}
