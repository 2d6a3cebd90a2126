import Foundation

/// Expands an ingest stage's `path:` (a file, a directory searched recursively, or a glob) into
/// a sorted list of files, so every run reads the same files in the same order.
/// `-` stands for standard input, listed as the one file `-`.
struct InputFiles: Sendable {
    /// The path that names standard input.
    static let standardInput = "-"

    /// The path, directory or glob pattern as written.
    let pattern: String
    /// File name endings accepted when searching a directory (`txt`), without the dot; archives
    /// and compressed files (``ArchiveReader/endings``) are always listed.
    let extensions: [String]

    /// Whether the pattern has glob characters.
    var isGlob: Bool { pattern.contains { "*?[".contains($0) } }

    /// Checks the pattern points at something, before the run starts. A missing input is an
    /// input error (the drop did not arrive), named with `option`, the place of the option in the
    /// pipeline file.
    func validate(at option: ConfigError) throws {
        if isGlob || pattern == Self.standardInput || FileManager.default.fileExists(atPath: pattern) { return }
        throw InputError(path: pattern, message: "does not exist (\(option))")
    }

    /// What a listing found: the files to read, sorted by path (byte order), and how many
    /// files of a directory were left out because of their ending, by ending.
    struct Listing {
        /// The files to read.
        var files: [String]
        /// Files left out, by lower-case ending (`""` for none).
        var skipped: [String: Int]

        /// One line on what a listing left out, or why it is empty: `drop: 12 files, none
        /// ending in .txt: 12 .html`, for the warning a source logs before reading.
        func remark(pattern: String, extensions: [String]) -> String? {
            let endings = extensions.map { ".\($0)" }.joined(separator: ", ")
            let left = skipped.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\($0.value) \($0.key.isEmpty ? "without an ending" : ".\($0.key)")" }.joined(separator: ", ")
            let skippedCount = skipped.values.reduce(0, +)
            switch (files.isEmpty, skippedCount) {
            case (true, 0): return "\(pattern): no file to read (an empty drop?)"
            case (true, _): return "\(pattern): \(skippedCount) file\(skippedCount == 1 ? "" : "s"), none ending in \(endings): \(left)"
            case (false, 0): return nil
            case (false, _): return "\(pattern): \(skippedCount) file\(skippedCount == 1 ? "" : "s") not read, not ending in \(endings): \(left)"
            }
        }
    }

    /// The files to read, sorted by path (byte order), and the files left out.
    func list() throws -> Listing {
        var isDirectory: ObjCBool = false
        if pattern == Self.standardInput { return Listing(files: [pattern], skipped: [:]) }
        if isGlob { return Listing(files: try Self.glob(pattern).sorted(by: Self.byteOrder), skipped: [:]) }
        guard FileManager.default.fileExists(atPath: pattern, isDirectory: &isDirectory) else {
            throw InputError(path: pattern, message: "does not exist")
        }
        guard isDirectory.boolValue else { return Listing(files: [pattern], skipped: [:]) }
        var listing = try walk(pattern)
        listing.files.sort(by: Self.byteOrder)
        return listing
    }

    private func walk(_ directory: String) throws -> Listing {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw InputError(path: directory, message: "cannot list directory")
        }
        var files: [String] = []
        var skipped: [String: Int] = [:]
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
            let ending = (name as NSString).pathExtension.lowercased()
            if wanted.isEmpty || wanted.contains(ending) || ArchiveReader.endings.contains(ending) {
                files.append(full)
            } else {
                skipped[ending, default: 0] += 1
            }
        }
        return Listing(files: files, skipped: skipped)
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
