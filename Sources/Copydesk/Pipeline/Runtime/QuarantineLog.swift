import Foundation
import Logging

/// Collects rejected records during a run: logs each one and, when the pipeline names a
/// quarantine file, writes it there as a JSON line (committed with the run's other outputs).
actor QuarantineLog {
    private let writer: AtomicFileWriter?
    private let logger: Logger
    private let observations: RunObservations
    private let encoder: JSONEncoder
    private(set) var count = 0

    /// Opens the quarantine file (under a temporary name) when `path` is set.
    init(path: String?, logger: Logger, observations: RunObservations = RunObservations()) throws {
        self.writer = try path.map { try AtomicFileWriter(path: $0) }
        self.logger = logger
        self.observations = observations
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    /// Records rejected records, in the order given.
    func record(_ records: [QuarantineRecord]) throws {
        observations.quarantined(records)
        for record in records {
            count += 1
            var fields: Logger.Metadata = ["stage": "\(record.stage)", "path": "\(record.path)", "reason": "\(record.reason)"]
            if record.line > 0 { fields["line"] = .stringConvertible(record.line) }
            if let member = record.member { fields["member"] = "\(member)" }
            logger.warning("\(record.message)", metadata: fields)
            if let writer {
                try writer.write(try encoder.encode(record))
                try writer.write(CollectionOfOne(UInt8(ascii: "\n")))
            }
        }
    }

    /// Moves the quarantine file into place.
    func commit() throws {
        try writer?.commit()
    }

    /// Drops the quarantine file written so far.
    func discard() {
        writer?.discard()
    }
}
