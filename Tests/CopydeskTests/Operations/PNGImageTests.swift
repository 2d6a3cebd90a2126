import CZlib
import Foundation
import Testing

/// The PNG decoder the browser tests read screenshots with, on images built byte by byte.
@Suite("PNG decoder")
struct PNGImageTests {
    /// A PNG of `rows` (each a filter type byte, then the filtered samples), of the given size
    /// and colour type, deflated with zlib.
    static func png(width: Int, height: Int, colourType: UInt8, rows: [[UInt8]], interlace: UInt8 = 0) -> Data {
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            let crc = UInt32(typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
            return bigEndian(UInt32(body.count)) + typed + bigEndian(crc)
        }
        func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        let raw = rows.flatMap { $0 }
        var deflated = [UInt8](repeating: 0, count: raw.count + 64)
        var length = uLongf(deflated.count)
        _ = deflated.withUnsafeMutableBufferPointer { out in
            raw.withUnsafeBufferPointer { compress(out.baseAddress, &length, $0.baseAddress, uLong($0.count)) }
        }
        let header = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, colourType, 0, 0, interlace]
        let idat = Array(deflated[..<Int(length)])
        // The IDAT data split over two chunks, as encoders may.
        return Data(
            PNGImage.signature + chunk("IHDR", header) + chunk("IDAT", Array(idat.prefix(5))) + chunk("tEXt", Array("Comment\0test".utf8))
                + chunk("IDAT", Array(idat.dropFirst(5))) + chunk("IEND", []))
    }

    /// Two RGBA pixels a row, one row for each filter (None, Sub, Up, Average, Paeth), filtered by
    /// hand from the colours `expected` holds; the Paeth row picks left, up and up-left.
    static let filteredRows: [[UInt8]] = [
        [0, 10, 20, 30, 255, 40, 50, 60, 128],
        [1, 15, 25, 35, 0, 5, 5, 5, 255],
        [2, 2, 2, 2, 1, 235, 226, 217, 3],
        [3, 92, 87, 82, 100, 79, 50, 100, 212],
        [4, 100, 10, 0, 165, 186, 186, 100, 70],
    ]
    static let expected: [[(UInt8, UInt8, UInt8, UInt8)]] = [
        [(10, 20, 30, 255), (40, 50, 60, 128)],
        [(15, 25, 35, 0), (20, 30, 40, 255)],
        [(17, 27, 37, 1), (255, 0, 1, 2)],
        [(100, 100, 100, 100), (0, 100, 150, 7)],
        [(200, 110, 100, 9), (30, 40, 250, 77)],
    ]

    @Test func everyScanlineFilterIsUndone() throws {
        let image = try PNGImage(Self.png(width: 2, height: 5, colourType: 6, rows: Self.filteredRows))
        #expect((image.width, image.height, image.channels) == (2, 5, 4))
        for (y, row) in Self.expected.enumerated() {
            for (x, pixel) in row.enumerated() {
                #expect(image.colour(x: x, y: y) == PNGImage.Colour(red: pixel.0, green: pixel.1, blue: pixel.2, alpha: pixel.3), "pixel \(x), \(y)")
            }
        }
        #expect(image.distinctColours() == 10)
        #expect(!image.isBlank)
    }

    @Test func anImageOfOneColourIsBlankAndOneOddPixelIsNot() throws {
        let grey: [UInt8] = [0] + Array(repeating: [200, 200, 200], count: 3).flatMap { $0 }
        let uniform = Self.png(
            width: 3, height: 3, colourType: 2,
            rows: [grey, [2] + Array(repeating: 0, count: 9), [1, 200, 200, 200] + Array(repeating: 0, count: 6)])
        #expect(try PNGImage.isBlank(uniform))
        let odd = Self.png(width: 3, height: 3, colourType: 2, rows: [grey, grey, [0, 200, 200, 200, 200, 200, 201, 200, 200, 200]])
        #expect(try !PNGImage.isBlank(odd))
        #expect(try PNGImage(odd).colour(x: 1, y: 2) == PNGImage.Colour(red: 200, green: 200, blue: 201, alpha: 255))
    }

    @Test func brokenFilesAreRefused() throws {
        let good = Self.png(width: 2, height: 5, colourType: 6, rows: Self.filteredRows)
        var badCRC = good
        badCRC[20] ^= 1
        let refused: [(String, Data)] = [
            ("not a PNG", Data("GIF89a".utf8) + good),
            ("bad CRC", badCRC),
            ("truncated", good.prefix(good.count - 20)),
            ("interlaced", Self.png(width: 2, height: 5, colourType: 6, rows: Self.filteredRows, interlace: 1)),
            ("short IDAT", Self.png(width: 2, height: 6, colourType: 6, rows: Self.filteredRows)),
            ("unknown filter", Self.png(width: 2, height: 1, colourType: 6, rows: [[5, 0, 0, 0, 0, 0, 0, 0, 0]])),
            ("palette", Self.png(width: 2, height: 1, colourType: 3, rows: [[0, 0, 0]])),
        ]
        for (name, data) in refused {
            #expect(throws: PNGImage.Invalid.self, "\(name)") { try PNGImage(data) }
        }
    }
}
