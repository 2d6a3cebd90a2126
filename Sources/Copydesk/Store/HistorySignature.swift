/// The part of a MinHash signature that matching against the history compares: the low 32
/// bits of each value.
///
/// A store may keep only those bits (``SQLiteStateStore`` does, 480 bytes a signature instead
/// of 960), so ``HistoryMatcher`` cuts both sides of a comparison to them: the incoming
/// article's values and the record's, whether its store kept them whole or not. Two values
/// equal in their low 32 bits but not above are a 2⁻³² chance a position, so a similarity
/// estimated from the cut values is the one estimated from the whole values except on such a
/// collision, and a band whose cut values are all equal is a band whose key is shared.
public enum HistorySignature {
    /// The bits of each value compared.
    public static let comparedBits: UInt64 = 0xFFFF_FFFF

    /// `signature` with every value cut to its ``comparedBits``.
    public static func compared(_ signature: [UInt64]) -> [UInt64] {
        signature.map { $0 & comparedBits }
    }
}
