package io.chorus.patterns.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.spec.SpecException;
import io.chorus.patterns.spec.VotingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (one YAML reader): "a key written twice in a pattern spec is silently the last one"
 * ({@code options:} given twice voted on the second list only). The spec reader now refuses it,
 * naming file, line and key; and vote options {@code [yes, no]} stay the words written.
 */
class DuplicateKeyInPatternSpecIsNamedTest {

  @TempDir Path dir;

  @Test
  void aKeyWrittenTwiceIsAnErrorNamingBothLines() throws Exception {
    Path p = dir.resolve("voters.yaml");
    Files.writeString(
        p,
        """
        model: sim:fast
        options: [a, b]
        voters:
          - name: one
        options: [c, d]
        """);
    assertThatThrownBy(() -> PatternSpecs.load(p))
        .isInstanceOf(SpecException.class)
        .hasMessage("voters.yaml:5: options: written twice (first on line 2)");
  }

  @Test
  void yesNoOptionsStayWords() throws Exception {
    Path p = dir.resolve("voters.yaml");
    Files.writeString(
        p,
        """
        model: sim:fast
        options: [yes, no]
        voters:
          - name: one
        """);
    assertThat(((VotingSpec) PatternSpecs.load(p)).options()).containsExactly("yes", "no");
  }
}
