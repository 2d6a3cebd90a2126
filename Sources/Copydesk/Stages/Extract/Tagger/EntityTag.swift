/// The label the entity tagger gives a token, in IOB2: outside any name, or the beginning or
/// inside of a person, organisation, place or other name (`MISC`: events, works, products).
/// The raw values index the weight rows of the model, so their order is part of its format.
enum EntityTag: Int, CaseIterable, Sendable {
    case outside
    case beginPerson, insidePerson
    case beginOrganization, insideOrganization
    case beginLocation, insideLocation
    case beginMiscellaneous, insideMiscellaneous

    /// The number of tags (`allCases.count`, without building the array).
    static let count = allCases.count

    /// The name type a tag belongs to.
    enum NameType: Int, Sendable {
        case person, organization, location, miscellaneous

        /// The type of a gold label (`PER`, `ORG`, `LOC`, `MISC`); `nil` for any other.
        init?(label: String) {
            switch label {
            case "PER": self = .person
            case "ORG": self = .organization
            case "LOC": self = .location
            case "MISC": self = .miscellaneous
            default: return nil
            }
        }

        /// The name type of a reported entity kind (a group is a miscellaneous name).
        init(kind: Entity.Kind) {
            switch kind {
            case .person: self = .person
            case .organization: self = .organization
            case .location: self = .location
            case .group: self = .miscellaneous
            }
        }

        /// The entity kind Copydesk reports; names of other types are not reported.
        var entityKind: Entity.Kind? {
            switch self {
            case .person: .person
            case .organization: .organization
            case .location: .location
            case .miscellaneous: nil
            }
        }
    }

    /// The tag starting (`inside == false`) or continuing a name of `type`.
    init(type: NameType, inside: Bool) {
        self = EntityTag(rawValue: 1 + 2 * type.rawValue + (inside ? 1 : 0))!
    }

    /// The name type, `nil` outside names.
    var type: NameType? { self == .outside ? nil : NameType(rawValue: (rawValue - 1) / 2) }

    /// Whether the tag continues a name.
    var isInside: Bool { self != .outside && (rawValue - 1) % 2 == 1 }

    /// Whether IOB2 allows this tag right after `previous`: an inside tag continues a name of
    /// its own type.
    func canFollow(_ previous: EntityTag) -> Bool {
        !isInside || previous.type == type
    }
}
