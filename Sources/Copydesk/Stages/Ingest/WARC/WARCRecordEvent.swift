/// What reading the next record of a WARC file gives.
enum WARCRecordEvent {
    /// A record read whole.
    case record(WARCRecord)
    /// A record whose block is larger than the limit, skipped unread.
    case tooLarge(offset: Int, recordID: String?, length: Int, header: String)
    /// Bytes that are not a readable record: what is wrong, where, and the first bytes of the
    /// header.
    case broken(offset: Int, message: String, header: String)
}
