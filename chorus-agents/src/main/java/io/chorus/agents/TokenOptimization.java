package io.chorus.agents;

/**
 * The {@code token_optimization} block of an agent file, enforced by the runner.
 *
 * <ul>
 *   <li>{@code max_context_tokens}: before every call the prompt (system prompt plus messages) is
 *       estimated with {@link io.chorus.core.TokenEstimate}; above the limit the run fails with
 *       {@link AgentResult.Reason#CONTEXT_TOO_LARGE} and no call is made. Nothing is truncated
 *       silently: a repair round that would overflow is not sent.
 *   <li>{@code response_max_tokens}: becomes the request's {@code max_tokens}.
 *   <li>{@code prefer_concise}: appends {@link #CONCISE_INSTRUCTION} to the system prompt.
 * </ul>
 *
 * @param maxContextTokens the most prompt tokens, or 0 for no limit
 * @param responseMaxTokens the request's max tokens, positive
 * @param preferConcise whether to ask for concise answers
 */
public record TokenOptimization(
    int maxContextTokens, int responseMaxTokens, boolean preferConcise) {

  /** The response max tokens when an agent file does not set one. */
  public static final int DEFAULT_RESPONSE_MAX_TOKENS = 2048;

  /** No context limit, 2048 response tokens, not concise. */
  public static final TokenOptimization DEFAULT =
      new TokenOptimization(0, DEFAULT_RESPONSE_MAX_TOKENS, false);

  /** Appended to the system prompt of agents with {@code prefer_concise: true}. */
  public static final String CONCISE_INSTRUCTION =
      "Be concise: no preamble, no restating the question, no closing summary. Prefer short sentences,"
          + " short code examples and lists over prose.";

  public TokenOptimization {
    if (maxContextTokens < 0) {
      throw new IllegalArgumentException(
          "token_optimization.max_context_tokens must not be negative");
    }
    if (responseMaxTokens <= 0) {
      throw new IllegalArgumentException("token_optimization.response_max_tokens must be positive");
    }
  }
}
