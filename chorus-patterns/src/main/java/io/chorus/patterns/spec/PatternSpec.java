package io.chorus.patterns.spec;

import io.chorus.core.Pattern;
import java.nio.file.Path;

/**
 * A pattern described by a YAML spec file, as loaded by {@link PatternSpecs#load(Path)}: {@link
 * SectionsSpec} ({@code sections.yaml}), {@link VotingSpec} ({@code voters.yaml}) or {@link
 * TranslateSpec} (a nested translation spec). Immutable.
 */
public sealed interface PatternSpec permits SectionsSpec, VotingSpec, TranslateSpec {

  /** The file it was loaded from. */
  Path file();

  /** {@code sections}, {@code vote} or {@code translate}. */
  String kind();

  /**
   * The runnable pattern over {@code input}: the document for sections, the question for a vote,
   * the text for a translation. Null uses the spec's own {@code input}/{@code prompt}/{@code text}.
   *
   * @throws SpecException when neither gives one, or the pattern cannot be built
   */
  Pattern<?> toPattern(String input);
}
