import Testing
@testable import Copydesk

/// Hand-written boundary cases: each paragraph and the sentences a careful reader gives it.
@Suite struct SentenceSplitterTests {
    let rules: SegmentationRules

    init() throws {
        rules = try SegmentTestSupport.englishRules()
    }

    private func check(_ paragraph: String, _ expected: [String]) {
        #expect(SegmentTestSupport.sentences(of: paragraph, rules: rules) == expected)
    }

    @Test("Abbreviations", arguments: [
        ("Mr. Smith went to Washington. He arrived on Monday.",
         ["Mr. Smith went to Washington.", "He arrived on Monday."]),
        ("Dr. Jane Goodall spoke at the summit. The crowd cheered.",
         ["Dr. Jane Goodall spoke at the summit.", "The crowd cheered."]),
        ("The U.S. Senate voted 52-48 on Tuesday.", ["The U.S. Senate voted 52-48 on Tuesday."]),
        ("Gen. Mark Milley and Lt. Gen. James Dickinson briefed Sen. Jack Reed and Rep. Adam Smith.",
         ["Gen. Mark Milley and Lt. Gen. James Dickinson briefed Sen. Jack Reed and Rep. Adam Smith."]),
        ("Gov. Gavin Newsom signed the bill on Jan. 5, aides said.",
         ["Gov. Gavin Newsom signed the bill on Jan. 5, aides said."]),
        ("He works for Acme Inc. The company makes anvils.",
         ["He works for Acme Inc.", "The company makes anvils."]),
        ("Acme Inc. Chief Executive Wile Coyote resigned.", ["Acme Inc. Chief Executive Wile Coyote resigned."]),
        ("Shares of Widget Corp. rose 4% on Monday.", ["Shares of Widget Corp. rose 4% on Monday."]),
        ("The company, Acme Corp., said it would appeal.", ["The company, Acme Corp., said it would appeal."]),
        ("The case, Smith vs. Jones, was heard in March.", ["The case, Smith vs. Jones, was heard in March."]),
        ("Fruit, e.g. apples and pears, was spared, i.e. not taxed.",
         ["Fruit, e.g. apples and pears, was spared, i.e. not taxed."]),
        ("They bought pens, paper, etc. The bill came to $40.",
         ["They bought pens, paper, etc.", "The bill came to $40."]),
        ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        ("I have lived in the U.S. for 20 years.", ["I have lived in the U.S. for 20 years."]),
        ("The talks moved to Washington, D.C. on Friday.", ["The talks moved to Washington, D.C. on Friday."]),
        ("They closed the deal with Pitt, Briggs & Co. It took a year.",
         ["They closed the deal with Pitt, Briggs & Co.", "It took a year."]),
        ("Policy No. 10 was revised in Vol. 3, p. 55 of the report.",
         ["Policy No. 10 was revised in Vol. 3, p. 55 of the report."]),
        ("I said no. Bill left anyway.", ["I said no.", "Bill left anyway."]),
        ("Martin Luther King Jr. Day is a federal holiday.", ["Martin Luther King Jr. Day is a federal holiday."]),
        ("The results were published by Smith et al. The study was small.",
         ["The results were published by Smith et al.", "The study was small."]),
        ("St. Michael's Church is on 5th st. near the light.", ["St. Michael's Church is on 5th st. near the light."]),
        ("I can see Mt. Fuji from here.", ["I can see Mt. Fuji from here."]),
        ("Let's ask Jane and co. They should know.", ["Let's ask Jane and co.", "They should know."]),
        ("The total was approx. three million.", ["The total was approx. three million."]),
        ("He arrived in Calif. on Monday.", ["He arrived in Calif. on Monday."]),
    ])
    func abbreviations(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Initials", arguments: [
        ("J. R. R. Tolkien wrote The Hobbit.", ["J. R. R. Tolkien wrote The Hobbit."]),
        ("George W. Bush met Barack Obama.", ["George W. Bush met Barack Obama."]),
        ("George H. W. Bush died in 2018.", ["George H. W. Bush died in 2018."]),
        ("We make a good team, you and I. Did you see Albert I. Jones yesterday?",
         ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
        ("My name is Jonas E. Smith.", ["My name is Jonas E. Smith."]),
        ("He won the Leroy P. Steele Prize in 2000.", ["He won the Leroy P. Steele Prize in 2000."]),
    ])
    func initials(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Decimals and amounts", arguments: [
        ("Trade reached a record $227.7 billion last year.", ["Trade reached a record $227.7 billion last year."]),
        ("Inflation rose 3.5% in May. Exports reached 1.2m tonnes.",
         ["Inflation rose 3.5% in May.", "Exports reached 1.2m tonnes."]),
        ("She has $100.00 in her bag.", ["She has $100.00 in her bag."]),
        ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
        ("The crowd numbered 1,000. That is a lot.", ["The crowd numbered 1,000.", "That is a lot."]),
        ("The company was founded in 1998. 2019 was its best year.",
         ["The company was founded in 1998.", "2019 was its best year."]),
    ])
    func amounts(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Times", arguments: [
        ("The vote will take place at 5 p.m. The meeting starts earlier.",
         ["The vote will take place at 5 p.m.", "The meeting starts earlier."]),
        ("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
         ["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M. Mr. Smith then went to the store."]),
        ("The blast happened at 6 a.m. local time.", ["The blast happened at 6 a.m. local time."]),
        ("Polls close at 8 p.m. on Tuesday.", ["Polls close at 8 p.m. on Tuesday."]),
    ])
    func times(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Ellipses", arguments: [
        ("\"The approaches completely coincide ... The current situation was also touched upon,\" the statement said.",
         ["\"The approaches completely coincide ... The current situation was also touched upon,\" the statement said."]),
        ("I never meant that.... She left the store.", ["I never meant that....", "She left the store."]),
        ("I wasn't really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn't mean it.",
         ["I wasn't really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn't mean it."]),
        ("The crowd waited ... The doors never opened.", ["The crowd waited ...", "The doors never opened."]),
        ("The crowd waited ... Nobody came.", ["The crowd waited ... Nobody came."]),
        ("One habit was weakened . . . was that of combining words into compounds. . . . The practice was not abandoned. . . .",
         ["One habit was weakened . . . was that of combining words into compounds. . . .",
          "The practice was not abandoned. . . ."]),
        ("The minister said: “We waited… The answer never came.”",
         ["The minister said: “We waited… The answer never came.”"]),
        ("\"We were flabbergasted [...] I went back to check,\" she said.",
         ["\"We were flabbergasted [...] I went back to check,\" she said."]),
        ("\"I waited...\" The door opened.", ["\"I waited...\"", "The door opened."]),
    ])
    func ellipses(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Quotations", arguments: [
        ("\"We will win,\" he said. The crowd cheered.", ["\"We will win,\" he said.", "The crowd cheered."]),
        ("\"The project is over,\" the statement read. \"It was a success,\" the minister added.",
         ["\"The project is over,\" the statement read.", "\"It was a success,\" the minister added."]),
        ("She read the letter aloud: \"We have decided to stay.\" It was signed by both.",
         ["She read the letter aloud: \"We have decided to stay.\"", "It was signed by both."]),
        ("He said: \"Yes.\" Then he left.", ["He said: \"Yes.\"", "Then he left."]),
        ("\"Is it over?\" she asked.", ["\"Is it over?\" she asked."]),
        ("\"Stop!\" The guard raised his hand.", ["\"Stop!\"", "The guard raised his hand."]),
        ("She turned to him, 'This is great.' she said.", ["She turned to him, 'This is great.' she said."]),
        ("She turned to him, \"This is great.\" She held the book out to show him.",
         ["She turned to him, \"This is great.\"", "She held the book out to show him."]),
        ("“We are ready,” the coach said. “The team is fit.”", ["“We are ready,” the coach said.", "“The team is fit.”"]),
        ("He called it ‘a disaster.’ Officials disagreed.", ["He called it ‘a disaster.’", "Officials disagreed."]),
        ("\"Prices rose. Wages did not. Families suffered,\" the report said.",
         ["\"Prices rose.", "Wages did not.", "Families suffered,\" the report said."]),
        ("That is JFK Jr.'s book.", ["That is JFK Jr.'s book."]),
        ("The statement read.\"It was stated again,\" the Kremlin said.",
         ["The statement read.", "\"It was stated again,\" the Kremlin said."]),
    ])
    func quotations(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Parentheses", arguments: [
        ("He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
         ["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]),
        ("The results are final (see below.) The board agreed.",
         ["The results are final (see below.)", "The board agreed."]),
        ("The Federal Security Service (FSB) said gas was the trigger. Rescuers left.",
         ["The Federal Security Service (FSB) said gas was the trigger.", "Rescuers left."]),
        ("The firm (Acme Inc.) said it would appeal.", ["The firm (Acme Inc.) said it would appeal."]),
    ])
    func parentheses(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Lists", arguments: [
        ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        ("1. The first item. 2. The second item.", ["1. The first item.", "2. The second item."]),
        ("1) Buy milk 2) Pay rent 3) Call home", ["1) Buy milk", "2) Pay rent", "3) Call home"]),
        ("• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
        ("a. The first item b. The second item c. The third list item",
         ["a. The first item", "b. The second item", "c. The third list item"]),
        ("1. Voters must register by Oct. 5.", ["1. Voters must register by Oct. 5."]),
    ])
    func lists(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Addresses", arguments: [
        ("Her email is Jane.Doe@example.com. I sent her an email.",
         ["Her email is Jane.Doe@example.com.", "I sent her an email."]),
        ("The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
         ["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."]),
        ("Visit www.example.com for details.", ["Visit www.example.com for details."]),
        ("Write to a.b@c.org today.", ["Write to a.b@c.org today."]),
    ])
    func addresses(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Endings and spacing", arguments: [
        ("Officials said the road would reopen on Monday", ["Officials said the road would reopen on Monday"]),
        ("Why did it fail? Nobody knows! Investigators are looking.",
         ["Why did it fail?", "Nobody knows!", "Investigators are looking."]),
        ("Hello!! Long time no see.", ["Hello!!", "Long time no see."]),
        ("Hello?! Is that you?", ["Hello?!", "Is that you?"]),
        ("She works at Yahoo! in the accounting department.", ["She works at Yahoo! in the accounting department."]),
        ("Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.",
         ["Hello world.", "Today is Tuesday.", "Mr. Smith went to the store and bought 1,000.", "That is a lot."]),
        ("  First sentence.   Second sentence.  ", ["First sentence.", "Second sentence."]),
        ("Tuesday,\u{00A0}January 8. The vote\u{00A0}passed.\u{00A0}", ["Tuesday,\u{00A0}January 8.", "The vote\u{00A0}passed."]),
        ("Stamenković said it was real. Élise Dupont agreed.", ["Stamenković said it was real.", "Élise Dupont agreed."]),
        ("The mayor was stabbed. Émile, a witness, called police.",
         ["The mayor was stabbed.", "Émile, a witness, called police."]),
    ])
    func endings(paragraph: String, expected: [String]) {
        check(paragraph, expected)
    }

    @Test("Blank paragraphs have no sentences", arguments: ["", "   ", "\u{00A0}\t"])
    func blank(paragraph: String) {
        #expect(SentenceSplitter(rules: rules).split(paragraph[...]).isEmpty)
    }

    @Test func offsetsCountUnicodeScalars() {
        let paragraph = "Café owners met. “Prices rose,” one said."
        let ranges = SentenceSplitter(rules: rules).split(paragraph[...])
        #expect(ranges == [0..<16, 17..<41])
    }

    @Test func offsetsAreRelativeToTheSubstring() {
        let text = "Heading\nFirst one. Second one."
        let paragraph = text[text.index(text.startIndex, offsetBy: 8)...]
        #expect(SentenceSplitter(rules: rules).split(paragraph) == [0..<10, 11..<22])
    }
}
