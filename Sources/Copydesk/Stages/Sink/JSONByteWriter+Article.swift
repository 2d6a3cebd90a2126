extension JSONByteWriter {
    /// Writes `article` as its one-line record (`docs/schema.md`), byte for byte what
    /// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes for it: the keys each
    /// type's `encode(to:)` writes, absent values as `null` (a dateline's place and agency left
    /// out instead, as its synthesized encoding does), keys in UTF-8 byte order. Throws
    /// ``Unwritable`` for an infinite or NaN number and for `extra` values nested too deep;
    /// nothing of the article is written then.
    mutating func write(_ article: Article) throws(Unwritable) {
        let start = count
        do {
            try writeFields(of: article)
        } catch {
            truncate(to: start)
            throw error
        }
    }

    /// The article's object, its keys in byte order.
    private mutating func writeFields(of article: Article) throws(Unwritable) {
        openObject()
        key("amounts")
        try array(article.amounts) { json, amount throws(Unwritable) in try json.write(amount) }
        key("authors")
        array(article.authors) { json, author in json.string(author) }
        key("content_key")
        string(article.contentKey)
        key("date")
        string(article.date)
        key("dateline")
        if let dateline = article.dateline { write(dateline) } else { null() }
        key("dates")
        array(article.dates) { json, date in json.write(date) }
        key("duplicate_of")
        string(article.duplicateOf)
        key("entities")
        array(article.entities) { json, entity in json.write(entity) }
        key("extra")
        // The article is the outermost container, so `extra` lies 2 deep.
        try write(article.extra, depth: 2)
        key("id")
        string(article.id)
        key("language")
        string(article.language)
        key("paragraphs")
        array(article.paragraphs) { json, paragraph in json.write(paragraph) }
        key("quotes")
        array(article.quotes) { json, quote in json.write(quote) }
        key("removed_blocks")
        try array(article.removedBlocks) { json, block throws(Unwritable) in try json.write(block) }
        key("section")
        string(article.section)
        key("sentences")
        array(article.sentences) { json, sentence in json.write(sentence) }
        key("similarity")
        try number(article.similarity)
        key("site")
        string(article.site)
        key("source")
        write(article.source)
        key("summary")
        string(article.summary)
        key("text")
        string(article.text)
        key("title")
        string(article.title)
        key("url")
        string(article.url)
        closeObject()
    }

    /// An amount: every key, `null` for an absent currency, unit or qualifier.
    private mutating func write(_ amount: Amount) throws(Unwritable) {
        openObject()
        key("currency")
        string(amount.currency)
        key("end_offset")
        integer(amount.end)
        key("kind")
        string(amount.kind.rawValue)
        key("qualifier")
        string(amount.qualifier)
        key("sentence")
        integer(amount.sentence)
        key("start_offset")
        integer(amount.start)
        key("text")
        string(amount.text)
        key("unit")
        string(amount.unit)
        key("value")
        try number(amount.value)
        closeObject()
    }

    /// A dateline leaves out an unknown place or agency rather than writing `null`.
    private mutating func write(_ dateline: Dateline) {
        openObject()
        if let agency = dateline.agency {
            key("agency")
            string(agency)
        }
        key("end_offset")
        integer(dateline.end)
        if let place = dateline.place {
            key("place")
            string(place)
        }
        key("start_offset")
        integer(dateline.start)
        closeObject()
    }

    /// A date mention: every key, `null` for an unresolved value.
    private mutating func write(_ date: DateMention) {
        openObject()
        key("end_offset")
        integer(date.end)
        key("resolution")
        string(date.resolution)
        key("sentence")
        integer(date.sentence)
        key("start_offset")
        integer(date.start)
        key("text")
        string(date.text)
        key("value")
        string(date.value)
        closeObject()
    }

    /// An entity mention: every key.
    private mutating func write(_ entity: Entity) {
        openObject()
        key("canonical")
        string(entity.canonical)
        key("end_offset")
        integer(entity.end)
        key("mentions")
        integer(entity.mentions)
        key("sentence")
        integer(entity.sentence)
        key("start_offset")
        integer(entity.start)
        key("text")
        string(entity.text)
        key("type")
        string(entity.type.rawValue)
        closeObject()
    }

    /// A paragraph: every key.
    private mutating func write(_ paragraph: Paragraph) {
        openObject()
        key("end_offset")
        integer(paragraph.end)
        key("kind")
        string(paragraph.kind.rawValue)
        key("start_offset")
        integer(paragraph.start)
        closeObject()
    }

    /// A quote: every key, `null` for an unknown speaker or verb.
    private mutating func write(_ quote: Quote) {
        openObject()
        key("end_offset")
        integer(quote.end)
        key("sentence")
        integer(quote.sentence)
        key("speaker")
        string(quote.speaker)
        key("start_offset")
        integer(quote.start)
        key("text")
        string(quote.text)
        key("verb")
        string(quote.verb)
        closeObject()
    }

    /// A removed block: every key.
    private mutating func write(_ block: RemovedBlock) throws(Unwritable) {
        openObject()
        key("containment")
        try number(block.containment)
        key("kind")
        string(block.kind)
        key("location")
        string(block.location)
        closeObject()
    }

    /// A sentence: every key.
    private mutating func write(_ sentence: Sentence) {
        openObject()
        key("end_offset")
        integer(sentence.end)
        key("paragraph")
        integer(sentence.paragraph)
        key("start_offset")
        integer(sentence.start)
        key("text")
        string(sentence.text)
        closeObject()
    }

    /// A source location: every key, `null` for an absent record id, member or offset.
    private mutating func write(_ source: SourceLocation) {
        openObject()
        key("format")
        string(source.format)
        key("line")
        integer(source.line)
        key("member")
        string(source.member)
        key("offset")
        integer(source.offset)
        key("path")
        string(source.path)
        key("record_id")
        string(source.recordID)
        closeObject()
    }

    /// Writes `members` as an object lying `depth` deep, its keys in UTF-8 byte order.
    private mutating func write(_ members: [String: JSONValue], depth: Int) throws(Unwritable) {
        try Self.checkDepth(depth)
        openObject()
        if !members.isEmpty {
            for (name, value) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                key(name)
                try write(value, depth: depth + 1)
            }
        }
        closeObject()
    }

    /// Writes `value`; an array or object it is lies `depth` deep.
    private mutating func write(_ value: JSONValue, depth: Int) throws(Unwritable) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .integer(let number): integer(number)
        case .number(let number): try self.number(number)
        case .string(let text): string(text)
        case .array(let elements):
            try Self.checkDepth(depth)
            try array(elements) { json, element throws(Unwritable) in try json.write(element, depth: depth + 1) }
        case .object(let members): try write(members, depth: depth)
        }
    }

    /// Throws ``Unwritable`` when a container would lie `depth` deep, as deep as
    /// ``maximumDepth`` or deeper.
    private static func checkDepth(_ depth: Int) throws(Unwritable) {
        guard depth < maximumDepth else {
            throw Unwritable(description: "cannot write containers nested \(depth) deep (JSON output allows \(maximumDepth - 1))")
        }
    }
}
