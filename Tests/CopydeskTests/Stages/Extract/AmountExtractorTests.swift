import Testing

@testable import Copydesk

/// Money, percentages and quantities in hand-written sentences.
struct AmountExtractorTests {
    /// A sentence and the single amount expected in it (`nil` text: no amount).
    struct Case: Sendable, CustomStringConvertible {
        let sentence: String
        let text: String?
        var kind: Amount.Kind = .money
        var value: Double = 0
        var currency: String? = nil
        var unit: String? = nil
        var qualifier: String? = nil
        var description: String { sentence }
    }

    static let cases: [Case] = [
        Case(sentence: "Trade reached a record $227.7 billion last year.", text: "$227.7 billion", value: 227_700_000_000, currency: "USD"),
        Case(sentence: "The target of $200 billion was met early.", text: "$200 billion", value: 200_000_000_000, currency: "USD"),
        Case(sentence: "The club paid €3m for the striker.", text: "€3m", value: 3_000_000, currency: "EUR"),
        Case(sentence: "The museum needs £1.5bn for repairs.", text: "£1.5bn", value: 1_500_000_000, currency: "GBP"),
        Case(sentence: "China pledged 1.2 trillion yuan for railways.", text: "1.2 trillion yuan", value: 1_200_000_000_000, currency: "CNY"),
        Case(sentence: "The region received 500 million rubles in aid.", text: "500 million rubles", value: 500_000_000, currency: "RUB"),
        Case(sentence: "Tickets cost US$5 at the gate.", text: "US$5", value: 5, currency: "USD"),
        Case(sentence: "The fine was set at USD 40 million by the court.", text: "USD 40 million", value: 40_000_000, currency: "USD"),
        Case(sentence: "Investors lost 15,000 euros each.", text: "15,000 euros", value: 15_000, currency: "EUR"),
        Case(sentence: "The budget deficit narrowed to $1,250,000 in March.", text: "$1,250,000", value: 1_250_000, currency: "USD"),
        Case(sentence: "Sales rose to 3.4 billion yen in the quarter.", text: "3.4 billion yen", value: 3_400_000_000, currency: "JPY"),
        Case(
            sentence: "The company borrowed more than $5 billion abroad.", text: "more than $5 billion", value: 5_000_000_000, currency: "USD",
            qualifier: "more than"),
        Case(sentence: "The index closed at -3.2% after the announcement.", text: "-3.2%", kind: .percent, value: -3.2),
        Case(
            sentence: "Already over 90% of settlements are made in rubles and yuan.", text: "over 90%", kind: .percent, value: 90, qualifier: "over"),
        Case(sentence: "Growth slowed to 3.5 per cent in the third quarter.", text: "3.5 per cent", kind: .percent, value: 3.5),
        Case(sentence: "Turnout reached 12 percent by noon.", text: "12 percent", kind: .percent, value: 12),
        Case(sentence: "Prices rose by about 7% over the year.", text: "about 7%", kind: .percent, value: 7, qualifier: "about"),
        Case(
            sentence: "Unemployment fell to nearly 4 percent in the capital.", text: "nearly 4 percent", kind: .percent, value: 4, qualifier: "nearly"
        ),
        Case(sentence: "The pipeline runs 300 km under the sea.", text: "300 km", kind: .quantity, value: 300, unit: "km"),
        Case(sentence: "The ship carried 5,000 tonnes of grain.", text: "5,000 tonnes", kind: .quantity, value: 5_000, unit: "tonnes"),
        Case(
            sentence: "Some 40 people were evacuated from the building.", text: "Some 40 people", kind: .quantity, value: 40, unit: "people",
            qualifier: "some"),
        Case(sentence: "The new line is 1.6 kilometres long.", text: "1.6 kilometres", kind: .quantity, value: 1.6, unit: "km"),
        Case(sentence: "The farm covers 250 hectares near the river.", text: "250 hectares", kind: .quantity, value: 250, unit: "hectares"),
        Case(sentence: "The oil field produces 80,000 barrels a day.", text: "80,000 barrels", kind: .quantity, value: 80_000, unit: "barrels"),
        Case(sentence: "Winds reached 120 km/h on the coast.", text: "120 km/h", kind: .quantity, value: 120, unit: "km/h"),
        Case(
            sentence: "At least 2 million people lack clean water.", text: "At least 2 million people", kind: .quantity, value: 2_000_000,
            unit: "people", qualifier: "at least"),
        Case(sentence: "The plant will generate 600 MW from next year.", text: "600 MW", kind: .quantity, value: 600, unit: "MW"),
        Case(sentence: "The runner finished the 400m in record time.", text: "400m", kind: .quantity, value: 400, unit: "m"),
        Case(sentence: "The building was completed in 1973 and renovated later.", text: nil),
        Case(sentence: "Flight 752 left Tehran shortly after six.", text: nil),
        Case(sentence: "The 116th Congress was sworn in on Thursday.", text: nil),
        Case(sentence: "Chapter 11 covers the procedure in detail.", text: nil),
    ]

    @Test(arguments: cases)
    func findsTheAmount(_ c: Case) throws {
        let a = try ExtractTestSupport.annotated(c.sentence)
        guard let text = c.text else {
            #expect(a.amounts.isEmpty, "unexpected \(a.amounts.map(\.text))")
            return
        }
        #expect(a.amounts.count == 1)
        let m = a.amounts.first
        #expect(m?.text == text)
        #expect(m?.kind == c.kind)
        #expect(m?.value == c.value)
        #expect(m?.currency == c.currency)
        #expect(m?.unit == c.unit)
        #expect(m?.qualifier == c.qualifier)
        if let m { #expect(ExtractTestSupport.slice(a.text, m.start, m.end) == m.text) }
    }
}
