import Foundation

/// Reads a whole file, up to a size limit.
enum PageFile {
    /// The bytes of `path` (standard input for `-`), or `nil` when it holds more than `limit`
    /// bytes.
    static func read(_ path: String, limit: Int) throws -> [UInt8]? {
        let standardInput = path == InputFiles.standardInput
        guard let handle = standardInput ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
            throw InputError(path: path, message: "cannot open the file")
        }
        defer { if !standardInput { try? handle.close() } }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else { return nil }
        return [UInt8](data)
    }
}
