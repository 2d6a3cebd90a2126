/// Finds the element that holds the article, as the best open extractors do: every block of
/// at least 25 characters scores 1, plus one per comma, plus one per 100 characters (at most
/// 3); its score goes to its parent in full, to its grandparent by half and to the three
/// ancestors above by a third of their level. Each candidate starts from a score for its tag
/// and ±25 for content or boilerplate names, and ends multiplied by the share of its text that
/// is not link text. The best candidate is widened to an ancestor that most strong candidates
/// share, then joined with the siblings that score well or read as paragraphs.
struct ContentSelector {
    /// The page as laid out.
    let layout: PageLayout

    /// Blocks shorter than this give no score.
    static let minimumBlockCharacters: Int32 = 25

    /// The roots of the article's content, in document order; empty when the page has no block
    /// of text long enough to score.
    func select() -> [Int] {
        let tree = layout.tree
        var scores: [Int: Double] = [:]
        for index in tree.nodes.indices where isScored(index) {
            let own = layout.ownCharacters[index]
            guard own >= Self.minimumBlockCharacters else { continue }
            let score = 1 + Double(layout.ownCommas[index]) + min(Double(own / 100), 3)
            var ancestor = Int(tree.nodes[index].parent)
            var level = 0
            while ancestor >= 0, level < 5 {
                if scores[ancestor] == nil { scores[ancestor] = initialScore(ancestor) }
                let divider = level == 0 ? 1 : level == 1 ? 2 : Double(level * 3)
                scores[ancestor]! += score / divider
                ancestor = Int(tree.nodes[ancestor].parent)
                level += 1
            }
        }
        guard !scores.isEmpty else { return [] }
        var final: [Int: Double] = [:]
        for (index, score) in scores { final[index] = score * (1 - layout.linkDensity(index)) }
        let ranked = final.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var top = ranked[0].key
        top = widened(top, ranked: ranked, final: final)
        return joinedSiblings(of: top, final: final)
    }

    private func isScored(_ index: Int) -> Bool {
        guard !layout.removed[index] else { return false }
        switch layout.tree.nodes[index].tag {
        case .text, .li, .dt, .dd, .th, .h1, .h2, .h3, .h4, .h5, .h6, .caption, .figcaption, .address, .html: return false
        default: return layout.tree.nodes[index].tag.isBlock
        }
    }

    private func initialScore(_ index: Int) -> Double {
        var score: Double
        switch layout.tree.nodes[index].tag {
        case .div, .article, .main, .section: score = 5
        case .pre, .td, .blockquote: score = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
        default: score = 0
        }
        let hints = layout.hints[index]
        if hints.isPositive { score += 25 }
        if hints.isNegative || hints.isBoilerplate { score -= 25 }
        if layout.tree.attribute(.itemprop, of: index)?.lowercased() == "articlebody" { score += 25 }
        return score
    }

    /// The best candidate, or an ancestor of it: the one three strong candidates share, or the
    /// first ancestor that scores higher while the scores stay within reach.
    private func widened(_ top: Int, ranked: [(key: Int, value: Double)], final: [Int: Double]) -> Int {
        let tree = layout.tree
        let topScore = ranked[0].value
        let alternatives = ranked.dropFirst().prefix(5).filter { $0.value >= topScore * 0.75 }.map(\.key)
        var candidate = top
        if alternatives.count >= 3 {
            var ancestor = Int(tree.nodes[top].parent)
            while ancestor >= 0, tree.nodes[ancestor].tag != .body, tree.nodes[ancestor].tag != .html {
                let sharing = alternatives.filter { isAncestor(ancestor, of: $0) }.count
                if sharing >= 3 {
                    candidate = ancestor
                    break
                }
                ancestor = Int(tree.nodes[ancestor].parent)
            }
        }
        var lastScore = final[candidate] ?? 0
        let threshold = lastScore / 3
        var parent = Int(tree.nodes[candidate].parent)
        while parent >= 0, tree.nodes[parent].tag != .body, tree.nodes[parent].tag != .html {
            guard let score = final[parent] else {
                parent = Int(tree.nodes[parent].parent)
                continue
            }
            if score < threshold { break }
            if score > lastScore {
                candidate = parent
                break
            }
            lastScore = score
            parent = Int(tree.nodes[parent].parent)
        }
        while true {
            let parent = Int(tree.nodes[candidate].parent)
            guard parent >= 0, tree.nodes[parent].tag != .body, tree.nodes[parent].tag != .html,
                layout.characters[parent] == layout.characters[candidate]
            else { break }
            candidate = parent
        }
        return candidate
    }

    private func isAncestor(_ ancestor: Int, of node: Int) -> Bool {
        node > ancestor && node < Int(layout.tree.nodes[ancestor].end)
    }

    /// The candidate with the siblings that belong with it.
    private func joinedSiblings(of top: Int, final: [Int: Double]) -> [Int] {
        let tree = layout.tree
        let parent = Int(tree.nodes[top].parent)
        guard parent >= 0 else { return [top] }
        let topScore = final[top] ?? 0
        let threshold = max(10, topScore * 0.2)
        let topClass = tree.attribute(.class, of: top)
        var selected: [Int] = []
        for sibling in tree.children(of: parent) where !layout.removed[sibling] && tree.nodes[sibling].tag != .text {
            if sibling == top {
                selected.append(sibling)
                continue
            }
            var score = final[sibling] ?? 0
            if let topClass, !topClass.isEmpty, tree.attribute(.class, of: sibling) == topClass { score += topScore * 0.2 }
            if score >= threshold {
                selected.append(sibling)
                continue
            }
            let length = layout.characters[sibling]
            let density = layout.linkDensity(sibling)
            if length > 80, density < 0.25, layout.ownCharacters[sibling] > 0 {
                selected.append(sibling)
            } else if length > 0, length <= 80, density == 0, layout.ownCharacters[sibling] == length,
                tree.textContent(of: sibling).contains(where: { $0 == "." })
            {
                selected.append(sibling)
            }
        }
        return selected
    }
}
