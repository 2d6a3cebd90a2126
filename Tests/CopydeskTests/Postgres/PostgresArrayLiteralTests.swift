import Testing

@testable import Copydesk

@Suite("PostgreSQL array literals")
struct PostgresArrayLiteralTests {
    @Test func elementsAreQuotedWithQuotesAndBackslashesEscapedAndNilAsNull() {
        let literal = PostgresArrayLiteral.text(["plain", #"say "hi""#, #"\x0a00"#, nil, "", "Tromsø, {1}"])
        #expect(literal == #"{"plain","say \"hi\"","\\x0a00",NULL,"","Tromsø, {1}"}"#)
    }

    @Test func anEmptyListIsAnEmptyArray() {
        #expect(PostgresArrayLiteral.text([]) == "{}")
    }
}
