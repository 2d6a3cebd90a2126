import ArgumentParser
import Copydesk
import Foundation

/// The floor under any file source: a plain loop over a drop's sorted file list that opens each
/// file, reads it to the end into one reused buffer and closes it (POSIX `open`, `read`,
/// `close`), with no parsing, so a source's time per file can be set against it.
enum FileReadFloor {
    /// What the loop read, and in how long.
    struct Result {
        /// Files read.
        var files: Int
        /// Bytes read, summed over the files.
        var bytes: Int
        /// Wall-clock seconds of the loop (the listing not included).
        var seconds: Double
        /// CPU seconds the process spent meanwhile.
        var cpuSeconds: Double

        /// Wall-clock microseconds per file.
        var microsecondsPerFile: Double { seconds * 1e6 / Double(files) }
        /// CPU microseconds per file.
        var cpuMicrosecondsPerFile: Double { cpuSeconds * 1e6 / Double(files) }
    }

    /// The files in `directory` ending in `.ending`, hidden ones left out, sorted by path in
    /// byte order as the file sources sort them.
    static func listing(of directory: String, ending: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { !$0.hasPrefix(".") && ($0 as NSString).pathExtension == ending }
            .map { (directory as NSString).appendingPathComponent($0) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Reads every file of `paths` in order; throws when one cannot be opened or read.
    static func read(_ paths: [String]) throws -> Result {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = BenchReport.cpuSeconds()
        var bytes = 0
        for path in paths {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw ValidationError("\(path): cannot open: \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            while true {
                let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                guard count >= 0 else { throw ValidationError("\(path): read failed: \(String(cString: strerror(errno)))") }
                if count == 0 { break }
                bytes += count
            }
        }
        return Result(files: paths.count, bytes: bytes, seconds: (clock.now - start).seconds, cpuSeconds: BenchReport.cpuSeconds() - cpuStart)
    }
}
