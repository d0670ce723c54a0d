package io.chorus.patterns.vote;

/** How voters are asked to answer. Either way, the parser accepts both (JSON first, then lines). */
public enum AnswerFormat {
  /** {@code {"decision": ..., "confidence": ..., "reasoning": ...}} (the default). */
  JSON,
  /** The {@code DECISION: / CONFIDENCE: / REASONING:} lines. */
  LINES
}
