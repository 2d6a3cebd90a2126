import Testing

@testable import Copydesk

/// Which full name a word of a short person mention stands for.
struct FullNamesTests {
    private func hash(_ word: String) -> UInt64 { TokenScanner.hash(word.utf8) }

    private func names(_ entries: [(first: Int, name: String)]) -> FullNames {
        var names = FullNames()
        for entry in entries {
            names.add(first: entry.first, canonical: entry.name, words: entry.name.split(separator: " ").map { hash(String($0)) })
        }
        return names
    }

    @Test func prefersANameEndingWithTheWord() {
        let names = names([(0, "Putin Street"), (10, "Vladimir Putin")])
        #expect(names.name(for: hash("Putin"), at: 5) == "Vladimir Putin")
    }

    @Test func takesTheLastNameBeforeThePositionElseTheFirst() {
        let names = names([(10, "Anna Berg"), (50, "Lars Berg")])
        #expect(names.name(for: hash("Berg"), at: 60) == "Lars Berg")
        #expect(names.name(for: hash("Berg"), at: 20) == "Anna Berg")
        #expect(names.name(for: hash("Berg"), at: 5) == "Anna Berg")
    }

    @Test func fallsBackToANameHoldingTheWord() {
        let names = names([(10, "Xi Jinping")])
        #expect(names.name(for: hash("Xi"), at: 30) == "Xi Jinping")
        #expect(names.name(for: hash("Li"), at: 30) == nil)
    }
}
