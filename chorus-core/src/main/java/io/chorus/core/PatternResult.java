package io.chorus.core;

/**
 * What every pattern result offers: the text a parent pattern merges, whether it produced one, what
 * it cost, and its reports.
 *
 * <p>Results are immutable values; Jackson serialises them as they are (see {@link #toJson()}).
 */
public interface PatternResult {

  /** The pattern's output as text: merged sections, a vote's winner or a synthesis; "" if none. */
  String text();

  /** Whether the pattern produced an output (its text is meaningful). */
  boolean ok();

  /** Tokens over every call the pattern made, failed ones included. */
  Usage usage();

  /** Cost in US dollars over every call the pattern made. */
  double costUsd();

  /**
   * Whether any call the pattern made (nested patterns, judges and merges included, failed calls
   * too) went to the simulator. Serialised as the top-level {@code synthetic} of {@link #toJson()}.
   */
  boolean synthetic();

  /** A human report in Markdown, partial failures included with their cause. */
  String toMarkdown();

  /** The same report as JSON. */
  String toJson();
}
