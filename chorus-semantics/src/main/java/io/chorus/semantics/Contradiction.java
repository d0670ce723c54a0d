package io.chorus.semantics;

/**
 * Two claims by different participants about the same thing with opposite polarity.
 *
 * @param first a claim
 * @param second the claim that contradicts it
 * @param cosine their embeddings' cosine (high: same subject)
 * @param reason the polarity rule that fired, see {@link Polarity}
 */
public record Contradiction(
    AttributedClaim first, AttributedClaim second, double cosine, String reason) {}
