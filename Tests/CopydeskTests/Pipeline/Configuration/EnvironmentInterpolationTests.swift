import Testing

@testable import Copydesk

@Suite("environment interpolation")
struct EnvironmentInterpolationTests {
    let interpolation = EnvironmentInterpolation(environment: ["OUT": "/data/out", "EMPTY": "", "N": "3"])

    @Test(arguments: [
        ("${OUT}/articles.jsonl", "/data/out/articles.jsonl"),
        ("${MISSING:-out}/x", "out/x"),
        ("${EMPTY:-fallback}", "fallback"),
        ("${OUT:-ignored}", "/data/out"),
        ("no references", "no references"),
        ("cost: $$5 and $5", "cost: $5 and $5"),
        ("${N}${N}", "33"),
        ("${MISSING:-}", ""),
    ])
    func expands(input: String, expected: String) throws {
        #expect(try interpolation.expand(input) == expected)
    }

    @Test func unsetVariableIsAnError() {
        #expect(throws: EnvironmentInterpolation.Failure.unset("MISSING")) { try interpolation.expand("${MISSING}/x") }
    }

    @Test(arguments: ["${OUT", "${1BAD}", "${}"])
    func malformedReferences(input: String) {
        #expect(throws: EnvironmentInterpolation.Failure.self) { try interpolation.expand(input) }
    }
}
