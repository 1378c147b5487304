import Foundation

/// A gzip body of zeros that a server streams without holding it: 10 MB on the wire, 10 GiB decoded.
///
/// The body is one deflate segment repeated: 1 MiB of zeros compressed at level 9 and ended with a full
/// flush (1,037 bytes). A full flush forgets the history, so copies of the segment chain into one valid
/// stream. Made with `zlib.compressobj(9, zlib.DEFLATED, -15)`: `compress(bytes(1 << 20)) +
/// flush(Z_FULL_FLUSH)`; the trailer's CRC-32 is that of 10,240 MiB of zeros (checked with Python's zlib).
public enum GzipBomb {
    /// Copies of the segment: 10,240 MiB decoded.
    public static let segments = 10_240
    /// gzip header: deflate, no name, no time, Unix.
    static let header = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03])
    /// One MiB of zeros, deflated.
    static let segment = hex("ecc13101000000c2a0f54f6d085fa0") + Data(count: 1016) + hex("3e030000ffff")
    /// An empty final block, then CRC-32 (0xF41D912F) and size mod 2^32 (0), little-endian.
    static let trailer = hex("0300") + hex("2f911df4") + hex("00000000")

    /// The bomb as a chunked 200 with `Content-Encoding: gzip`.
    public static var response: HostileHTTPServer.Response {
        .stream(
            headers: ["Content-Encoding": "gzip", "Content-Type": "application/json"], prefix: header, piece: segment,
            count: segments, suffix: trailer)
    }

    static func hex(_ text: String) -> Data {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return Data(bytes)
    }
}
