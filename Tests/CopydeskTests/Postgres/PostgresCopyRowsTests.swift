import Testing

@testable import Copydesk

@Suite("COPY rows")
struct PostgresCopyRowsTests {
    @Test func valuesAreTabSeparatedWithNullsAndEscapes() {
        var rows = PostgresCopyRows()
        for row: [OutputValue] in [[.text("a\tb\\c\nd\re"), .integer(-3), .real(0.5), .null], [.text(""), .text("Tromsø"), .real(1.2e9), .null]] {
            for value in row { rows.cell(value) }
            rows.endRow()
        }
        #expect(String(decoding: rows.bytes, as: UTF8.self) == "a\\tb\\\\c\\nd\\re\t-3\t0.5\t\\N\n\tTromsø\t1200000000.0\t\\N\n")
    }
}
