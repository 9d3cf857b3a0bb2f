/// Ranking with explicit tie handling: higher scores first; units whose
/// scores (rounded to hundredths) are equal share a rank, and the ranks
/// after them are skipped ("1224" competition ranking); within a tie,
/// units are listed in path order.
enum AppraisalRanking {
    /// The ranks of `scores`, given in path order; returns indices in rank order with their ranks.
    static func rank(_ scores: [Double]) -> [(index: Int, rank: Int)] {
        let order = scores.indices.sorted { a, b in
            scores[a] != scores[b] ? scores[a] > scores[b] : a < b
        }
        var ranked: [(index: Int, rank: Int)] = []
        for (position, index) in order.enumerated() {
            if position > 0, scores[order[position - 1]] == scores[index] {
                ranked.append((index, ranked[position - 1].rank))
            } else {
                ranked.append((index, position + 1))
            }
        }
        return ranked
    }
}
