/// An input that cannot be read at all: a missing path or an unlistable directory.
public struct InputError: Error, CustomStringConvertible {
    /// The path concerned.
    public let path: String
    /// What is wrong.
    public let message: String
    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
