import Foundation

/// Test articles written for this repository: a wire story, edited copies of it, and a
/// different story on the same subject.
enum WireStory {
    /// A wire story of about 200 words in five paragraphs.
    static let paragraphs = [
        "LISBON (Wire) - Dock workers at the port of Setubal walked off the job on Tuesday, halting container traffic for the second time this month as talks over night-shift pay broke down, the workers' union said.",
        "The union, which represents about 1,400 stevedores, said the operator had refused to restore a bonus cut during the pandemic and had hired temporary crews to replace permanent staff on weekend shifts.",
        "\"We have waited three years for a fair offer and we will not wait any longer,\" union spokesman Rui Almeida told reporters outside the main gate, where several hundred workers gathered before dawn.",
        "The port operator said in a statement that it regretted the stoppage, that its latest proposal raised base pay by 4.5% over two years, and that cargo would be diverted to Lisbon and Sines until work resumed.",
        "Exporters of cork, wine and car parts warned that a long strike would cost them millions of euros, since the port handles nearly a fifth of the country's vehicle shipments, according to the transport ministry.",
    ]

    /// The story as one body text.
    static var body: String { paragraphs.joined(separator: "\n\n") }

    /// The same story with a different opening paragraph.
    static var withNewIntro: String {
        ([
            "Container traffic at Setubal came to a standstill on Tuesday after stevedores stopped work over a dispute about night-shift pay, their union said, in the second walkout at the Portuguese port this month."
        ]
            + paragraphs.dropFirst()).joined(separator: "\n\n")
    }

    /// The same story differing in five spellings (the typing errors one of the two copies fixed).
    static var withTypoFixes: String {
        body.replacingOccurrences(of: "Setubal walked", with: "Setúbal walked")
            .replacingOccurrences(of: "stevedores", with: "stevadores")
            .replacingOccurrences(of: "reporters", with: "reportres")
            .replacingOccurrences(of: "regretted", with: "regreted")
            .replacingOccurrences(of: "vehicle", with: "vehicule")
    }

    /// The same story with one paragraph added at the end.
    static var withAddedParagraph: String {
        (paragraphs + ["A meeting between the union and the operator, mediated by the labour ministry, is scheduled for Friday morning in Lisbon."])
            .joined(separator: "\n\n")
    }

    /// A different story about the same strike: same port, union, people and figures, written
    /// independently.
    static let sameTopicDifferentStory = [
        "SETUBAL, Portugal - Stevedores at Setubal, one of Portugal's busiest car-export terminals, stayed away from the quays on Tuesday in a renewed protest over pay for night work.",
        "Rui Almeida, who speaks for the dock workers' union, accused the operator of using temporary crews to break the dispute. Management has offered a 4.5% rise in base pay spread over two years.",
        "Lisbon and Sines are expected to take the diverted cargo. Cork and wine exporters, along with makers of car parts, fear losses running to millions of euros if the walkout drags on, the transport ministry said.",
        "About 1,400 stevedores belong to the union, which has staged two stoppages this month.",
    ].joined(separator: "\n\n")
}
