import Foundation

/// Compares files read in chunks, so outputs of hundreds of megabytes are compared without
/// being held in memory.
enum FileConcatenation {
    private static let chunk = 1 << 20

    /// The byte count of `parts` concatenated in order when it is the content of `whole`
    /// byte for byte; `nil` when it is not.
    static func bytesIfEqual(_ parts: [String], _ whole: String) throws -> Int? {
        let expected = try FileHandle(forReadingFrom: URL(fileURLWithPath: whole))
        defer { try? expected.close() }
        var bytes = 0
        for part in parts {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: part))
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: chunk), !data.isEmpty {
                guard let other = try expected.read(upToCount: data.count), other == data else { return nil }
                bytes += data.count
            }
        }
        let rest = try expected.read(upToCount: 1) ?? Data()
        return rest.isEmpty ? bytes : nil
    }
}
