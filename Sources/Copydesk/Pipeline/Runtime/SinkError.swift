/// A sink that could not write its output.
public struct SinkError: Error, CustomStringConvertible {
    /// The sink's type name.
    public let sink: String
    /// What went wrong.
    public let message: String
    /// `sink: message`.
    public var description: String { "\(sink): \(message)" }

    /// Creates a sink error.
    public init(sink: String, message: String) {
        self.sink = sink
        self.message = message
    }
}
