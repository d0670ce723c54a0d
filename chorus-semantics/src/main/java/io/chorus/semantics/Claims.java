package io.chorus.semantics;

import io.chorus.semantics.internal.ClaimJson;
import io.chorus.semantics.internal.ClaimSplitter;
import java.util.List;

/**
 * Splits answers into {@link Claim}s. Two paths:
 *
 * <ul>
 *   <li>Heuristic, {@link #split(String)}: markdown structure first (headed sections, list items
 *       and numbered points, paragraphs), then sentences. Dropped: fenced code, whole sections
 *       headed "Next steps", "Metadata", "References"; title and process headings ("Initial
 *       Proposal", "Recap", "Response to…"); greetings; meta-talk ("As Grok, I'll…", "In Round 1, I
 *       proposed…", "Here's…", "Let's…", word counts); list introductions ending in ':'; labelled
 *       examples ("Example: …"). Bare stance phrases ("I agree", "I align with Claude") are never
 *       claims: a leading stance phrase becomes the claim's {@link Stance} and only the substance
 *       after it is kept. Labels ("Benefit 2:") are stripped. A short answer ("Paris") is one
 *       claim.
 *   <li>Structured, {@link #parse(String, String)}: the patterns module asks the model for JSON
 *       following {@link #JSON_SCHEMA} (see {@link #INSTRUCTIONS}); if that JSON is missing,
 *       malformed or empty, the heuristic runs on the answer text and the result says why.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class Claims {

  private Claims() {}

  /** JSON Schema (draft 2020-12) for the structured claims a model returns. */
  public static final String JSON_SCHEMA =
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["claims"],
        "additionalProperties": false,
        "properties": {
          "claims": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["text", "stance"],
              "additionalProperties": false,
              "properties": {
                "text": {
                  "type": "string",
                  "minLength": 1,
                  "description": "One self-contained statement the author holds, in 5 to 30 words. No meta-talk such as 'I agree' or 'next steps'."
                },
                "stance": {
                  "type": "string",
                  "enum": ["agree", "disagree", "new"],
                  "description": "agree: another participant made this claim too; disagree: it rejects another participant's claim; new: neither."
                }
              }
            }
          }
        }
      }
      """;

  /** Prompt text asking a model to list an answer's claims as {@link #JSON_SCHEMA} JSON. */
  public static final String INSTRUCTIONS =
      """
      List the substantive claims of the answer below as JSON matching this schema, and nothing \
      else. One claim per distinct point, each a self-contained statement of the author's own \
      position in 5 to 30 words. Leave out greetings, agreement phrases on their own ("I agree", \
      "I align with"), plans for later rounds, word counts and code.
      """
          + JSON_SCHEMA;

  /** The claims of an answer by the heuristic rules above, in order, without duplicates. */
  public static List<Claim> split(String answer) {
    return ClaimSplitter.split(answer);
  }

  /**
   * Claims from a model's JSON reply, or from the heuristic over {@code answer} when the reply is
   * unusable. Items may be objects ({@code text}, {@code stance}) or plain strings; a top-level
   * array is accepted; code fences and prose around the JSON are ignored; filler items are dropped
   * like in the heuristic. Never throws on bad model output.
   *
   * @param modelOutput the model's reply to {@link #INSTRUCTIONS}
   * @param answer the answer the claims were asked about, for the heuristic fallback
   */
  public static ParsedClaims parse(String modelOutput, String answer) {
    return ClaimJson.parse(modelOutput, answer);
  }

  /**
   * Whether an answer only agrees ("I agree.", "Agreed on all points.", "I align with Claude."): no
   * claim of its own, and an agreement phrase. A deliberation carries such a turn's author's
   * previous claims forward instead of counting the turn as saying nothing.
   */
  public static boolean onlyAgrees(String answer) {
    return ClaimSplitter.onlyAgrees(answer);
  }

  /** Whether a sentence carries no claim (greeting, stance phrase alone, meta-talk). */
  public static boolean isFiller(String sentence) {
    return ClaimSplitter.isFiller(sentence);
  }
}
