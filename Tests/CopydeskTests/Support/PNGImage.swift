import CZlib
import Foundation

/// A PNG file decoded for real, as tests look at a browser's screenshot: the chunks are read
/// and their CRCs checked, the IDAT data inflated with zlib and the scanline filters (None, Sub,
/// Up, Average, Paeth) undone. Only what a screenshot is made of is read: 8-bit samples,
/// greyscale or RGB, with or without alpha, not interlaced.
struct PNGImage {
    /// Width in pixels.
    let width: Int
    /// Height in pixels.
    let height: Int
    /// Samples per pixel: 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// The samples, row after row, `channels` bytes a pixel, filters undone.
    let samples: [UInt8]

    /// Why bytes are not a PNG this decoder reads.
    struct Invalid: Error, CustomStringConvertible {
        /// What is wrong, as the failing test prints it.
        let description: String
    }

    /// One pixel as red, green, blue and alpha (grey is spread over the three; no alpha is 255).
    struct Colour: Hashable, CustomStringConvertible {
        let red: UInt8
        let green: UInt8
        let blue: UInt8
        let alpha: UInt8

        var description: String {
            String(format: "#%02x%02x%02x%02x", red, green, blue, alpha)
        }
    }

    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Decodes `data`, throwing `Invalid` for anything but a whole, well-formed PNG.
    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<8]) == Self.signature else { throw Invalid(description: "not a PNG: no PNG signature") }
        var header: [UInt8]?
        var compressed: [UInt8] = []
        var ended = false
        var offset = 8
        while !ended {
            guard offset + 12 <= bytes.count else { throw Invalid(description: "truncated: a chunk ends past the end of the data at byte \(offset)") }
            let length = Int(Self.bigEndian(bytes, at: offset))
            guard length <= bytes.count - offset - 12 else { throw Invalid(description: "truncated: a chunk of \(length) bytes at byte \(offset)") }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            let stored = Self.bigEndian(bytes, at: offset + 8 + length)
            let computed =
                bytes[(offset + 4)..<(offset + 8 + length)].withContiguousStorageIfAvailable { crc32(0, $0.baseAddress, uInt($0.count)) } ?? 0
            guard stored == UInt32(computed) else { throw Invalid(description: "chunk \(type) at byte \(offset) fails its CRC") }
            if header == nil && type != "IHDR" { throw Invalid(description: "the first chunk is \(type), not IHDR") }
            switch type {
            case "IHDR": header = body
            case "IDAT": compressed += body
            case "IEND": ended = true
            default: break
            }
            offset += 12 + length
        }
        guard let header, header.count == 13 else { throw Invalid(description: "IHDR is not 13 bytes") }
        let width = Int(Self.bigEndian(header, at: 0))
        let height = Int(Self.bigEndian(header, at: 4))
        let (depth, colourType, interlace) = (header[8], header[9], header[12])
        guard width > 0, height > 0, width <= 1 << 14, height <= 1 << 14 else {
            throw Invalid(description: "size \(width)×\(height) is out of range")
        }
        guard depth == 8 else { throw Invalid(description: "bit depth \(depth) is not read, only 8") }
        let channels: Int
        switch colourType {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw Invalid(description: "colour type \(colourType) is not read (palette images are not)")
        }
        guard header[10] == 0, header[11] == 0 else { throw Invalid(description: "unknown compression or filter method") }
        guard interlace == 0 else { throw Invalid(description: "interlaced images are not read") }
        guard !compressed.isEmpty else { throw Invalid(description: "no IDAT data") }
        let stride = width * channels
        let filtered = try Self.inflate(compressed, size: height * (stride + 1))
        self.width = width
        self.height = height
        self.channels = channels
        self.samples = try Self.unfilter(filtered, stride: stride, height: height, bytesPerPixel: channels)
    }

    /// The colour at column `x`, row `y` (from the top left).
    func colour(x: Int, y: Int) -> Colour {
        let start = (y * width + x) * channels
        let sample = { (index: Int) in samples[start + index] }
        switch channels {
        case 1: return Colour(red: sample(0), green: sample(0), blue: sample(0), alpha: 255)
        case 2: return Colour(red: sample(0), green: sample(0), blue: sample(0), alpha: sample(1))
        case 3: return Colour(red: sample(0), green: sample(1), blue: sample(2), alpha: 255)
        default: return Colour(red: sample(0), green: sample(1), blue: sample(2), alpha: sample(3))
        }
    }

    /// How many different colours the image has, counting at most `limit` (enough to tell a
    /// blank page from a drawn one without hashing every pixel of a busy one).
    func distinctColours(limit: Int = .max) -> Int {
        var seen: Set<Colour> = []
        for y in 0..<height {
            for x in 0..<width {
                seen.insert(colour(x: x, y: y))
                if seen.count >= limit { return seen.count }
            }
        }
        return seen.count
    }

    /// Whether every pixel has the same colour (a page that drew nothing, or only a background).
    var isBlank: Bool { distinctColours(limit: 2) < 2 }

    /// Whether the PNG file `png` is all one colour; throws `Invalid` when it is not a PNG read here.
    static func isBlank(_ png: Data) throws -> Bool {
        try PNGImage(png).isBlank
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Inflates the zlib stream `data`, which must come to exactly `size` bytes.
    private static func inflate(_ data: [UInt8], size: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size + 1)  // one spare byte shows data past the end
        var length = uLongf(output.count)
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in uncompress(out.baseAddress, &length, input.baseAddress, uLong(input.count)) }
        }
        guard status == Z_OK else { throw Invalid(description: "IDAT does not inflate (zlib status \(status))") }
        guard Int(length) == size else { throw Invalid(description: "IDAT inflates to \(length) bytes, not \(size)") }
        output.removeLast()
        return output
    }

    /// Undoes the per-row filters of `data` (each row: a filter type byte, then `stride` bytes).
    private static func unfilter(_ data: [UInt8], stride: Int, height: Int, bytesPerPixel bpp: Int) throws -> [UInt8] {
        var image = [UInt8](repeating: 0, count: stride * height)
        for row in 0..<height {
            let filter = data[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let start = row * stride
            for i in 0..<stride {
                let left = i >= bpp ? Int(image[start + i - bpp]) : 0
                let up = row > 0 ? Int(image[start - stride + i]) : 0
                let upLeft = row > 0 && i >= bpp ? Int(image[start - stride + i - bpp]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4: predictor = paeth(left, up, upLeft)
                default: throw Invalid(description: "row \(row) has unknown filter type \(filter)")
                }
                image[start + i] = UInt8(truncatingIfNeeded: Int(data[source + i]) + predictor)
            }
        }
        return image
    }

    /// The Paeth predictor of the PNG specification: whichever of left, up and up-left is
    /// nearest to left + up − up-left, preferring them in that order on ties.
    private static func paeth(_ left: Int, _ up: Int, _ upLeft: Int) -> Int {
        let estimate = left + up - upLeft
        let (toLeft, toUp, toUpLeft) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
        if toLeft <= toUp && toLeft <= toUpLeft { return left }
        return toUp <= toUpLeft ? up : upLeft
    }
}
