/// Which members of an archive a source reads: those whose name ends in one of its endings
/// (all of them when it has none), ignoring hidden files and macOS resource forks.
struct MemberFilter: Sendable {
    /// The source's endings, lower case, without the dot.
    let extensions: Set<String>

    /// A filter for a source reading files ending in `extensions`.
    init(extensions: [String]) {
        self.extensions = Set(extensions.map { $0.lowercased() })
    }

    /// Whether the member called `name` is read.
    func accepts(_ name: String) -> Bool {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        guard !file.hasPrefix("."), !name.hasPrefix("__MACOSX/") else { return false }
        guard !extensions.isEmpty else { return true }
        guard let dot = file.lastIndex(of: ".") else { return false }
        return extensions.contains(file[file.index(after: dot)...].lowercased())
    }
}
