import Foundation

/// How many quarantined records a run may have before it counts as failed.
public enum QuarantineLimit: Sendable, Equatable, CustomStringConvertible {
    /// No limit.
    case unlimited
    /// At most this many records.
    case count(Int)
    /// At most this share (0–1) of the records read.
    case fraction(Double)

    /// Parses `""`, `"100"` or `"5%"`; `nil` for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            self = .unlimited
        } else if trimmed.hasSuffix("%"), let percent = Double(trimmed.dropLast()), (0...100).contains(percent) {
            self = .fraction(percent / 100)
        } else if let count = Int(trimmed), count >= 0 {
            self = .count(count)
        } else {
            return nil
        }
    }

    /// Whether `quarantined` records out of `records` read exceed the limit.
    public func isExceeded(quarantined: Int, records: Int) -> Bool {
        switch self {
        case .unlimited: false
        case .count(let limit): quarantined > limit
        case .fraction(let share): records > 0 && Double(quarantined) / Double(records) > share
        }
    }

    /// The limit as written in a pipeline file.
    public var description: String {
        switch self {
        case .unlimited: "unlimited"
        case .count(let limit): "\(limit)"
        case .fraction(let share): "\(share * 100)%"
        }
    }
}
