/// Word pools the corpus generator draws from: common English news words (most frequent
/// first), and invented names of people, places, organisations and agencies.
enum Vocabulary {
    static let common = """
        the of and to in a that for on is said was with as by at it from be has have are were \
        will its an which not but this after their more had been also who they would year new \
        two one over than government people about percent last first minister president could \
        officials told some other into up out time when three state country week since million \
        billion market police city according what all expected years report group its under \
        month before while added talks security public plan official during company between \
        former would national first spokesman foreign support against workers economic power \
        region statement military deal meeting agency prices price growth trade policy data \
        while still show shows agreement companies council court election health energy water \
        investors budget local decision rate rates bank central leaders party parliament \
        opposition vote voters border forces attack rescue fire flood storm rain season \
        record high low early late plans plan cost costs funds fund project projects \
        construction service services industry industries production exports imports oil gas \
        coal power grid wind solar nuclear climate emissions target targets summit talks \
        negotiators ministers ministry committee union strike pay contract jobs job workers \
        factory factories port ports shipping container containers vessels airline airport \
        flights passengers train rail road roads bridge tunnel hospital hospitals patients \
        doctors vaccine vaccines cases disease outbreak schools students teachers university \
        research scientists study findings survey poll polls campaign candidate candidates \
        spending tax taxes debt inflation interest economy economies quarter profit revenue \
        sales shares stock stocks index investors analysts forecast forecasts demand supply \
        shortage shortages aid relief shelter shelters residents villages districts province \
        capital village coast river valley island islands mountains farmers crops harvest
        """.split(separator: " ").map(String.init)

    static let verbs = ["said", "told reporters", "added", "noted", "stressed", "said in a statement", "told a news conference", "wrote"]

    static let firstNames = [
        "Anna", "Marek", "Leila", "Tomas", "Ingrid", "Kenji", "Amara", "Pavel", "Sofia", "Rahul",
        "Elena", "Jonas", "Mei", "Omar", "Clara", "Dmitri", "Nadia", "Lucas", "Ayesha", "Viktor",
    ]
    static let lastNames = [
        "Halvorsen", "Okafor", "Brandt", "Ivanova", "Castell", "Moreau", "Takeda", "Novak", "Reyes",
        "Lindqvist", "Petrov", "Haddad", "Kowalski", "Nakamura", "Ferreira", "Olsen", "Varga", "Chen",
    ]
    static let titles = ["President", "Prime Minister", "Finance Minister", "spokeswoman", "Mayor", "Governor", "Chief Executive"]
    static let places = ["ARDENBURG", "VELMORA", "KESTRAL", "NORHAVEN", "TULSEN", "MARISKA", "OSTRAVA", "BELGRIN", "CALDERA", "PORTVALE"]
    static let agencies = ["Reuters", "AP", "AFP", "Sputnik", "Kyodo", "Xinhua"]
    static let organisations = [
        "the Ministry of Finance", "the Central Bank", "the Port Authority", "the Energy Agency",
        "Northwind Holdings Inc.", "the Farmers Union", "the National Statistics Office",
    ]
    static let sections = ["World", "Business", "Politics", "Markets", "Energy", "Health", "Europe", "Asia"]
    static let headingWords = [
        "Talks", "Markets", "Outlook", "Reaction", "Background", "Costs", "Next", "Steps",
        "Response", "Funding", "Concerns", "Warning", "Record", "Growth", "Energy", "Trade",
    ]
}
