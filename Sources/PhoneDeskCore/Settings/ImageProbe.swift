/// Recognises PNG, JPEG and BMP by their content (magic bytes), not the file name, and reads the
/// pixel size from the header.
public enum ImageProbe {
    public static let maxBytes = 5 * 1024 * 1024

    public enum Format: String, Codable, Sendable {
        case png = "PNG", jpeg = "JPEG", bmp = "BMP"
        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue.lowercased() }
    }

    public struct Info: Equatable, Sendable {
        public var format: Format
        public var width: Int
        public var height: Int
    }

    public enum Problem: Error, Equatable, Sendable {
        case notAnImage
        case truncated(Format)
        case badSize(Format)

        public var message: String {
            switch self {
            case .notAnImage: return "Not a PNG, JPEG or BMP image, whatever its name says."
            case .truncated(let f): return "The \(f.rawValue) header is cut short; the file is damaged."
            case .badSize(let f): return "The \(f.rawValue) header gives no usable pixel size."
            }
        }
    }

    public static func inspect(_ bytes: [UInt8]) -> Result<Info, Problem> {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg(bytes) }
        if bytes.starts(with: [0x42, 0x4D]) { return bmp(bytes) }
        return .failure(.notAnImage)
    }

    static func bigEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        (0..<count).reduce(0) { ($0 << 8) | Int(b[at + $1]) }
    }

    static func littleEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        (0..<count).reversed().reduce(0) { ($0 << 8) | Int(b[at + $1]) }
    }

    static func sized(_ format: Format, _ width: Int, _ height: Int) -> Result<Info, Problem> {
        guard width > 0, height > 0, width <= 65_535, height <= 65_535 else { return .failure(.badSize(format)) }
        return .success(Info(format: format, width: width, height: height))
    }

    static func png(_ b: [UInt8]) -> Result<Info, Problem> {
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return .failure(.truncated(.png)) }
        return sized(.png, bigEndian(b, 16, 4), bigEndian(b, 20, 4))
    }

    static func jpeg(_ b: [UInt8]) -> Result<Info, Problem> {
        var i = 2
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return .failure(.truncated(.jpeg)) }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill byte
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue }
            let length = bigEndian(b, i + 2, 2)
            // SOF0–SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard i + 9 <= b.count else { return .failure(.truncated(.jpeg)) }
                return sized(.jpeg, bigEndian(b, i + 7, 2), bigEndian(b, i + 5, 2))
            }
            if marker == 0xD9 || marker == 0xDA { break }
            guard length >= 2 else { return .failure(.truncated(.jpeg)) }
            i += 2 + length
        }
        return .failure(.truncated(.jpeg))
    }

    static func bmp(_ b: [UInt8]) -> Result<Info, Problem> {
        guard b.count >= 26 else { return .failure(.truncated(.bmp)) }
        let header = littleEndian(b, 14, 4)
        if header == 12 { return sized(.bmp, littleEndian(b, 18, 2), littleEndian(b, 20, 2)) }
        guard header >= 40, b.count >= 26 else { return .failure(header < 12 ? .notAnImage : .truncated(.bmp)) }
        let width = Int(Int32(bitPattern: UInt32(littleEndian(b, 18, 4))))
        let height = Int(Int32(bitPattern: UInt32(littleEndian(b, 22, 4))))
        return sized(.bmp, width, abs(height))  // negative height: a top-down bitmap
    }
}
