extension EntityTagger {
    /// Retypes the names of sports results and standings in wire copy (`Bayern Munich 1 Hansa
    /// Rostock 1, Werder Bremen 2 Schalke 0`): in a paragraph of capitalised names each followed by
    /// a score, with hardly a lower-case word, a name before a score is a team. A team is an
    /// organisation, except a country (a national side keeps its place type) and a person of two
    /// words or more the tagger found (a golfer or a tennis player).
    func retypeResultsTables(_ spans: inout [(range: Range<Int>, type: EntityTag.NameType)], _ text: TokenizedText) {
        let t = text.tokens
        var paragraphStart = 0
        while paragraphStart < t.count {
            var paragraphEnd = paragraphStart
            while paragraphEnd < t.count && t[paragraphEnd].paragraph == t[paragraphStart].paragraph { paragraphEnd += 1 }
            let paragraph = paragraphStart..<paragraphEnd
            paragraphStart = paragraphEnd
            var numbers = 0
            for k in paragraph where t[k].kind == .number { numbers += 1 }
            guard numbers >= 2 else { continue }
            let teams = scoredRuns(text, paragraph)
            var lowercaseWords = 0
            for k in paragraph where t[k].kind == .word && !t[k].isCapitalised && !gazetteer.connectors.contains(t[k]) { lowercaseWords += 1 }
            guard teams.count >= 2, lowercaseWords <= teams.count / 2 else { continue }
            for team in teams {
                if spans.contains(where: { $0.type == .person && $0.range.count >= 2 && $0.range.overlaps(team) }) { continue }
                if let hit = gazetteer.names.match(in: text, at: team.lowerBound, limit: team.upperBound), hit.length == team.count,
                    hit.value.type == .location, gazetteer.cities.match(in: text, at: team.lowerBound, limit: team.upperBound)?.length != team.count
                {
                    continue
                }
                spans.removeAll { $0.range.overlaps(team) }
                spans.append((team, .organization))
            }
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The runs of capitalised words in `paragraph` that a number follows, directly or after a
    /// bracketed country (`Greg Norman (Australia) 68`).
    private func scoredRuns(_ text: TokenizedText, _ paragraph: Range<Int>) -> [Range<Int>] {
        let t = text.tokens
        var runs: [Range<Int>] = []
        var k = paragraph.lowerBound
        while k < paragraph.upperBound {
            guard t[k].kind == .word && t[k].isCapitalised else { k += 1; continue }
            var end = k + 1
            while end < paragraph.upperBound && t[end].kind == .word && (t[end].isCapitalised || gazetteer.connectors.contains(t[end])) { end += 1 }
            var next = end
            if text.isPunct(next, 0x28) {
                while next < paragraph.upperBound && !text.isPunct(next, 0x29) { next += 1 }
                next += 1
            }
            if next < paragraph.upperBound && t[next].kind == .number { runs.append(k..<end) }
            k = end
        }
        return runs
    }
}
