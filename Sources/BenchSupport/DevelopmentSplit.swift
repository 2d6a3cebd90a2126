/// The fixed split of the development documents into a training part and a held-out part, used
/// by `copydesk-train`, `copydesk-bench quality` and the tests alike: within each genre, in order
/// of document id, every fourth document (the 4th, 8th, …) is held out.
public enum DevelopmentSplit {
    /// The documents to train on and the ones to report on.
    public static func split(_ documents: [AnnotatedDocument]) -> (training: [AnnotatedDocument], heldOut: [AnnotatedDocument]) {
        var training: [AnnotatedDocument] = []
        var heldOut: [AnnotatedDocument] = []
        let byGenre = Dictionary(grouping: documents, by: \.genre)
        for genre in byGenre.keys.sorted() {
            for (index, document) in byGenre[genre]!.sorted(by: { $0.id < $1.id }).enumerated() {
                if index % 4 == 3 { heldOut.append(document) } else { training.append(document) }
            }
        }
        return (training, heldOut)
    }
}
