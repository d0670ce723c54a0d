package io.chorus.semantics;

import java.util.List;

/**
 * Claims read from a model's structured answer, or split heuristically when that failed.
 *
 * @param claims the claims, in answer order
 * @param source where they came from
 * @param note empty for a clean structured parse; otherwise why the heuristic was used or what was
 *     skipped (with the JSON line/column or the array index)
 */
public record ParsedClaims(List<Claim> claims, Source source, String note) {

  public ParsedClaims {
    claims = List.copyOf(claims);
  }

  /** Where the claims came from. */
  public enum Source {
    /** Parsed from the model's JSON following {@link Claims#JSON_SCHEMA}. */
    STRUCTURED,
    /** Split from the answer text by {@link Claims#split(String)}. */
    HEURISTIC
  }
}
