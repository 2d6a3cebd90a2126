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
        var files: PathList
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
        if pattern == Self.standardInput { return Listing(files: PathList([pattern]), skipped: [:]) }
        if isGlob { return Listing(files: PathList(try Self.glob(pattern)).sortedByBytes(), skipped: [:]) }
        guard FileManager.default.fileExists(atPath: pattern, isDirectory: &isDirectory) else {
            throw InputError(path: pattern, message: "does not exist")
        }
        guard isDirectory.boolValue else { return Listing(files: PathList([pattern]), skipped: [:]) }
        var listing = try walk(pattern)
        listing.files = listing.files.sortedByBytes()
        return listing
    }

    /// Every file under `directory`, depth first, read with `opendir`/`readdir` (the entry
    /// type comes with the name; only links and file systems that do not report types cost a
    /// `stat`). Hidden entries are skipped with what they hold; links to directories are not
    /// followed.
    private func walk(_ directory: String) throws -> Listing {
        var listing = Listing(files: PathList(), skipped: [:])
        let wanted = Set(extensions.map { $0.lowercased() })
        var pending = [directory]
        var first = true
        while let folder = pending.popLast() {
            guard let handle = opendir(folder) else {
                if first { throw InputError(path: directory, message: "cannot list directory") }
                continue
            }
            first = false
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                    let name = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    if name.pointee == CChar(UInt8(ascii: ".")) { return }
                    // A path string is made only for what needs one: a folder to walk, a link
                    // or an entry of unknown type to look at.
                    var full: String { folder.hasSuffix("/") ? folder + String(cString: name) : folder + "/" + String(cString: name) }
                    let type = entry.pointee.d_type
                    switch Int32(type) == Int32(DT_REG) ? .other : Self.kind(of: full, type: type) {
                    case .directory: pending.append(full)
                    case .linkToDirectory: return
                    case .other:
                        // Dangling links, pipes and devices with a wanted ending are listed so the
                        // reader quarantines them by name instead of skipping them silently.
                        let ending = Self.ending(of: name)
                        if wanted.isEmpty || wanted.contains(ending) || ArchiveReader.endings.contains(ending) {
                            listing.files.append(folder: folder, name: name)
                        } else {
                            listing.skipped[ending, default: 0] += 1
                        }
                    }
                }
            }
        }
        return listing
    }

    /// What a directory entry is, for the walk.
    private enum EntryKind {
        case directory, linkToDirectory, other
    }

    /// The kind of the entry at `path`, from the type `readdir` gave (a `stat` only for links
    /// and unknown types).
    private static func kind(of path: String, type: UInt8) -> EntryKind {
        switch Int32(type) {
        case Int32(DT_DIR): return .directory
        case Int32(DT_LNK):
            var target = stat()
            return stat(path, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR ? .linkToDirectory : .other
        case Int32(DT_UNKNOWN):
            var status = stat()
            guard lstat(path, &status) == 0 else { return .other }
            if status.st_mode & S_IFMT == S_IFDIR { return .directory }
            if status.st_mode & S_IFMT == S_IFLNK { return kind(of: path, type: UInt8(DT_LNK)) }
            return .other
        default: return .other
        }
    }

    /// The lower-case ending of a NUL-terminated file name, without the dot; `""` for none (a
    /// name whose only dot is its first character has none).
    private static func ending(of name: UnsafePointer<CChar>) -> String {
        guard let dot = strrchr(name, Int32(UInt8(ascii: "."))), dot != name else { return "" }
        return String(cString: dot + 1).lowercased()
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
}
