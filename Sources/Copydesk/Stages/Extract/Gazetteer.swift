/// The word lists entity recognition uses, loaded once from `Resources/extract/`: named places,
/// organisations (institutions, companies, sports clubs) and groups, cities, person titles, given names and the cue words of capitalised names.
struct Gazetteer: Sendable {
    /// What a gazetteer phrase names.
    struct Name: Sendable {
        /// The kind of entity.
        let type: Entity.Kind
        /// The canonical form (`US` → `United States`).
        let canonical: String
    }

    /// Places, organisations and groups by phrase.
    let names: PhraseTable<Name>
    /// Sports clubs, also among ``names``: their first word alone names the club in the same
    /// article (`Bayern` after `Bayern Munich`).
    let sportsClubs: PhraseTable<Bool>
    /// City names of GeoNames (100,000 people or more): evidence for the entity tagger, since
    /// many are also names or words (`Reading`, `Victoria`).
    let cities: PhraseTable<Bool>
    /// Titles and role words that introduce a person (`President`, `Kremlin aide`'s `aide`).
    let titles: PhraseTable<Bool>
    /// Given names that confirm a person at a sentence start.
    let firstNames: WordSet
    /// Given names of the 1990 US Census lists: evidence for the entity tagger, not a decision.
    let censusGivenNames: WordSet
    /// Surnames of the 1990 US Census lists, the commonest 80%: evidence for the entity tagger.
    let censusSurnames: WordSet
    /// Words that make a capitalised sequence an organisation (`Committee`).
    let organizationHeads: WordSet
    /// Words that make a capitalised sequence a place (`Region`).
    let locationHeads: WordSet
    /// Prepositions after which a lone unknown capitalised word is a place (`in`).
    let locationPrepositions: WordSet
    /// Lower-case words allowed inside a name (`of`, `van`).
    let connectors: WordSet
    /// Lower-case particles inside personal names (`van`, `de`), a subset of ``connectors``.
    let nameParticles: WordSet
    /// Capitalised words that never start a name alone (`The`, `When`).
    let stopwords: WordSet
    /// Month and weekday names, which are dates rather than names.
    let calendarWords: WordSet

    /// Loads every list.
    init() throws {
        var pairs: [(phrase: String, value: Name)] = []
        for row in try ExtractData.rows("locations-extra.tsv") where row.count >= 2 {
            pairs.append((row[0], Name(type: .location, canonical: row[1])))
        }
        for row in try ExtractData.rows("organizations.tsv") where row.count >= 2 {
            pairs.append((row[0], Name(type: .organization, canonical: row[1])))
        }
        let clubs = try ExtractData.rows("sports-clubs.tsv").filter { $0.count >= 2 }
        for row in try ExtractData.rows("companies.tsv") + clubs where row.count >= 2 {
            pairs.append((row[0], Name(type: .organization, canonical: row[1])))
        }
        sportsClubs = PhraseTable(clubs.map { ($0[0], true) })
        for row in try ExtractData.rows("demonyms.tsv") where row.count >= 2 {
            pairs.append((row[0], Name(type: .group, canonical: row[1])))
        }
        for row in try ExtractData.rows("locations-generated.tsv") where row.count >= 2 {
            pairs.append((row[0], Name(type: .location, canonical: row[1])))
        }
        names = PhraseTable(pairs)
        cities = PhraseTable(try ExtractData.rows("cities-generated.tsv").map { ($0[0], true) })
        titles = PhraseTable(try ExtractData.words("person-titles.tsv").map { ($0, true) })
        firstNames = WordSet(try ExtractData.words("first-names.txt"))
        censusGivenNames = WordSet(try ExtractData.words("census-first-names.txt"))
        censusSurnames = WordSet(try ExtractData.words("census-surnames.txt"))
        organizationHeads = WordSet(try ExtractData.words("organization-heads.txt"))
        locationHeads = WordSet(try ExtractData.words("location-heads.txt"))
        locationPrepositions = WordSet(try ExtractData.words("location-prepositions.txt"))
        connectors = WordSet(try ExtractData.words("name-connectors.txt"))
        nameParticles = WordSet(try ExtractData.words("name-particles.txt"))
        stopwords = WordSet(try ExtractData.words("capitalised-stopwords.txt"))
        let calendar = try ExtractData.rows("months.tsv") + ExtractData.rows("weekdays.tsv")
        calendarWords = WordSet(calendar.map { $0[0] })
    }
}
