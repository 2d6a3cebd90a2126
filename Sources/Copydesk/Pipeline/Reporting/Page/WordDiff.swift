/// A word diff of two texts, for showing a duplicate beside its survivor: the words only one
/// side has are marked (`<del>` on the survivor's side, `<ins>` on the duplicate's), found by the
/// longest common subsequence of their words. Only the first ``maximumWords`` words of each
/// side are compared, which bounds the work whatever the articles' lengths.
struct WordDiff {
    /// Words compared per side.
    static let maximumWords = 700

    /// The survivor's words as HTML, those the duplicate lacks in `<del>`.
    let survivorHTML: String
    /// The duplicate's words as HTML, those the survivor lacks in `<ins>`.
    let duplicateHTML: String
    /// Words on either side that the other lacks.
    let changedWords: Int

    /// Diffs `survivor` against `duplicate`.
    init(survivor: String, duplicate: String) {
        let left = Array(survivor.split(whereSeparator: \.isWhitespace).prefix(Self.maximumWords))
        let right = Array(duplicate.split(whereSeparator: \.isWhitespace).prefix(Self.maximumWords))
        // lengths[i][j]: the longest common subsequence of left[i...] and right[j...].
        let width = right.count + 1
        var lengths = [Int32](repeating: 0, count: (left.count + 1) * width)
        for i in stride(from: left.count - 1, through: 0, by: -1) {
            for j in stride(from: right.count - 1, through: 0, by: -1) {
                lengths[i * width + j] =
                    left[i] == right[j] ? lengths[(i + 1) * width + j + 1] + 1 : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var kept = [Bool](repeating: false, count: left.count)
        var added = [Bool](repeating: true, count: right.count)
        var (i, j) = (0, 0)
        while i < left.count && j < right.count {
            if left[i] == right[j] {
                kept[i] = true
                added[j] = false
                i += 1
                j += 1
            } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        survivorHTML = Self.html(left, marked: kept.map { !$0 }, tag: "del")
        duplicateHTML = Self.html(right, marked: added, tag: "ins")
        changedWords = kept.filter { !$0 }.count + added.filter { $0 }.count
    }

    /// The words joined by spaces, each run of marked words in one `tag` element.
    private static func html(_ words: [Substring], marked: [Bool], tag: String) -> String {
        var groups: [(marked: Bool, words: [String])] = []
        for (word, isMarked) in zip(words, marked) {
            if groups.last?.marked == isMarked {
                groups[groups.count - 1].words.append(HTMLText.escape(String(word)))
            } else {
                groups.append((isMarked, [HTMLText.escape(String(word))]))
            }
        }
        return groups.map { group in
            let text = group.words.joined(separator: " ")
            return group.marked ? "<\(tag)>\(text)</\(tag)>" : text
        }.joined(separator: " ")
    }
}
