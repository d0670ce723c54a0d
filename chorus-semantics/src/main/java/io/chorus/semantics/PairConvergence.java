package io.chorus.semantics;

/**
 * Convergence of two participants' answers; see {@link Convergence} for the formula.
 *
 * @param first a participant
 * @param second another participant
 * @param score symmetric convergence in [0, 1]: the mean of the two directions
 * @param firstToSecond how much of {@code first}'s claims {@code second} covers, in [0, 1]
 * @param secondToFirst how much of {@code second}'s claims {@code first} covers, in [0, 1]
 * @param contradicted claims of either side contradicted by the other side
 */
public record PairConvergence(
    String first,
    String second,
    double score,
    double firstToSecond,
    double secondToFirst,
    int contradicted) {}
