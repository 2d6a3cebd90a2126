extension [Article] {
    /// The positions of the last occurrence of each article id, in order: a later version of an
    /// article replaces an earlier one of the same batch, as it would one of an earlier batch.
    /// Positions rather than a filtered copy, so a sink reads each article where it lies.
    var lastOccurrenceIndices: [Int] {
        var seen: Set<String> = []
        return indices.reversed().filter { seen.insert(self[$0].id).inserted }.reversed()
    }
}
