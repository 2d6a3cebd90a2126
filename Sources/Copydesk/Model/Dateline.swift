/// The dateline that opens a wire story: `MOSCOW (Sputnik) - ` gives place `MOSCOW` and
/// agency `Sputnik`.
public struct Dateline: Sendable, Codable, Equatable {
    /// Place name as written (`MOSCOW`, `KYIV, Ukraine`).
    public var place: String?
    /// News agency, when named (`Sputnik`, `Reuters`, `AP`).
    public var agency: String?
    /// Scalar offset in `text` where the dateline starts.
    public var start: Int
    /// Scalar offset in `text` just past the dateline and its separator.
    public var end: Int

    /// Creates a dateline.
    public init(place: String?, agency: String?, start: Int, end: Int) {
        self.place = place
        self.agency = agency
        self.start = start
        self.end = end
    }

    /// The record's keys: offsets are `start_offset` and `end_offset`, names no SQL dialect reserves.
    enum CodingKeys: String, CodingKey {
        case place, agency
        case start = "start_offset"
        case end = "end_offset"
    }
}
