import Foundation

/// Expands an ingest stage's `path:` (a file, a directory searched recursively, or a glob) into
/// a sorted list of files, so every run reads the same files in the same order.
struct InputFiles: Sendable {
    /// The path, directory or glob pattern as written.
    let pattern: String
    /// File name endings accepted when searching a directory (`txt`), without the dot.
    let extensions: [String]

    /// Whether the pattern has glob characters.
    var isGlob: Bool { pattern.contains { "*?[".contains($0) } }

    /// Checks the pattern points at something, before the run starts. A missing input is an
    /// input error (the drop did not arrive), named with the option's place in the pipeline file.
    func validate(options: StageOptions, option: String) throws {
        if isGlob || FileManager.default.fileExists(atPath: pattern) { return }
        throw InputError(path: pattern, message: "does not exist (\(options.invalid(option, "input path")))")
    }

    /// The files to read, sorted by path (byte order).
    func list() throws -> [String] {
        var isDirectory: ObjCBool = false
        if isGlob { return try Self.glob(pattern).sorted(by: Self.byteOrder) }
        guard FileManager.default.fileExists(atPath: pattern, isDirectory: &isDirectory) else {
            throw InputError(path: pattern, message: "does not exist")
        }
        guard isDirectory.boolValue else { return [pattern] }
        return try walk(pattern).sorted(by: Self.byteOrder)
    }

    private func walk(_ directory: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw InputError(path: directory, message: "cannot list directory")
        }
        var files: [String] = []
        let wanted = Set(extensions.map { $0.lowercased() })
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let full = (directory as NSString).appendingPathComponent(relative)
            let type = (try? FileManager.default.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
            if type == .typeDirectory { continue }
            var isDirectory: ObjCBool = false
            if type == .typeSymbolicLink, FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue { continue }
            // Dangling links, pipes and devices with a wanted ending are listed so the reader
            // quarantines them by name instead of skipping them silently.
            if wanted.isEmpty || wanted.contains((name as NSString).pathExtension.lowercased()) { files.append(full) }
        }
        return files
    }

    private static func glob(_ pattern: String) throws -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        let status = Glibc.glob(pattern, 0, nil, &result)
        if status == GLOB_NOMATCH { return [] }
        guard status == 0 else { throw InputError(path: pattern, message: "glob failed (\(status))") }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }
    }

    private static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// An input that cannot be read at all: a missing path or an unlistable directory.
public struct InputError: Error, CustomStringConvertible {
    /// The path concerned.
    public let path: String
    /// What is wrong.
    public let message: String
    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
