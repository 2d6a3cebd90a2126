/// Why one input record cannot become an article: the quarantine reason (`bad_field`,
/// `bad_date`, `ambiguous_date`, ...) and a message naming the field and its value.
struct RecordProblem: Error, Equatable {
    /// Quarantine reason.
    let reason: String
    /// What is wrong, naming the input field.
    let message: String
}
