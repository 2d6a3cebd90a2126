/// Expands `${VAR}` and `${VAR:-default}` in pipeline values from the environment, and
/// `{shard}` to the shard a task of a sharded run reads (0 for a whole run).
///
/// `${VAR}` must be set; `${VAR:-default}` falls back to `default` when `VAR` is unset or
/// empty, as in POSIX shells. `$$` stands for a literal `$`. `{shard}` is expanded first, so
/// it may stand in a default (`${OUT:-out/{shard}}`).
public struct EnvironmentInterpolation: Sendable {
    /// The variables to read.
    public let environment: [String: String]
    /// What `{shard}` stands for.
    public let shard: Int

    /// A regular expression (ECMA 262 and Python alike) matching a value that holds a `${NAME}`
    /// or `${NAME:-default}` reference: such a value is only known once expanded, so the pipeline
    /// schema accepts it wherever a number, a boolean or a choice is expected.
    public static let referencePattern = #"\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}"#

    /// Creates an interpolator over the given variables, for shard `shard`.
    public init(environment: [String: String], shard: Int = 0) {
        self.environment = environment
        self.shard = shard
    }

    /// Why a value could not be expanded.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// `${VAR}` with `VAR` unset and no default.
        case unset(String)
        /// `${` without a closing `}` or with an invalid variable name.
        case malformed(String)

        /// Message for the pipeline error.
        public var description: String {
            switch self {
            case .unset(let name): "environment variable \(name) is not set (use ${\(name):-default} for a fallback)"
            case .malformed(let text): "malformed variable reference '\(text)': expected ${NAME} or ${NAME:-default}"
            }
        }
    }

    /// Expands every reference in `value`.
    public func expand(_ value: String) throws(Failure) -> String {
        let value = value.contains("{shard}") ? value.replacing("{shard}", with: String(shard)) : value
        guard value.utf8.contains(UInt8(ascii: "$")) else { return value }
        var result = ""
        var rest = Substring(value)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let afterDollar = rest.index(after: dollar)
            if afterDollar < rest.endIndex, rest[afterDollar] == "$" {
                result += "$"
                rest = rest[rest.index(after: afterDollar)...]
                continue
            }
            guard afterDollar < rest.endIndex, rest[afterDollar] == "{" else {
                result += "$"
                rest = rest[afterDollar...]
                continue
            }
            guard let close = rest[afterDollar...].firstIndex(of: "}") else {
                throw .malformed(String(rest[dollar...]))
            }
            let body = rest[rest.index(after: afterDollar)..<close]
            result += try resolve(body, reference: String(rest[dollar...close]))
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    private func resolve(_ body: Substring, reference: String) throws(Failure) -> String {
        let name: Substring
        let fallback: Substring?
        if let marker = body.firstRange(of: ":-") {
            name = body[..<marker.lowerBound]
            fallback = body[marker.upperBound...]
        } else {
            name = body
            fallback = nil
        }
        guard Self.isVariableName(name) else { throw .malformed(reference) }
        if let value = environment[String(name)], !(fallback != nil && value.isEmpty) { return value }
        if let fallback { return String(fallback) }
        throw .unset(String(name))
    }

    private static func isVariableName(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z")
        else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
        }
    }
}
