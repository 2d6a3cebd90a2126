import Foundation

/// An always-open output stream that collects what `CSVWriter` writes into a byte buffer, so the
/// sink can hand each batch's bytes to an ``AtomicFileWriter`` in one call.
final class CSVByteStream: OutputStream {
    /// Bytes written since the last ``removeAll()``.
    private(set) var bytes: [UInt8] = []

    /// Creates an empty stream.
    required init(toMemory: ()) {
        super.init(toMemory: ())
    }

    override var streamStatus: Stream.Status { .open }
    override var hasSpaceAvailable: Bool { true }
    override func open() {}
    override func close() {}

    override func write(_ buffer: UnsafePointer<UInt8>, maxLength length: Int) -> Int {
        bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: length))
        return length
    }

    /// Empties the buffer, keeping its capacity for the next batch.
    func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}
