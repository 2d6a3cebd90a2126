/// An entity found in the token stream, before it becomes an ``Entity``: tokens
/// `first..<end`, its kind and canonical form, and for a person the role words that introduced
/// it (`kremlin aide` for `Kremlin aide Yury Ushakov`), lower-cased.
struct EntityMention: Sendable {
    /// First token of the mention.
    var first: Int
    /// Token just past the mention.
    var end: Int
    /// The kind of entity.
    var type: Entity.Kind
    /// The canonical form.
    var canonical: String
    /// Lower-cased role phrase of a person introduced by a title.
    var role: String?
}
