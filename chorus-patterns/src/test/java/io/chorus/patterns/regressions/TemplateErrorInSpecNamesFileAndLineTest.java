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
 * Issue 15: "inline template errors name no file". A malformed variable in a spec's prompt ({@code
 * {{ two words }}}) was sent to the model as literal text, and a voters prompt using a variable
 * other than {@code {{input}}} failed only when the batch ran, as {@code prompt template:1:
 * variable 'tone' (written {{tone}}) has no value}: no file, and line 1 whatever the line. Every
 * template in a spec is now checked when the spec is read, naming the file and the line it stands
 * on (inside a block scalar, the line of the variable).
 */
class TemplateErrorInSpecNamesFileAndLineTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aMalformedVariableInASectionPromptNamesItsLine() throws Exception {
    Path p =
        write(
            "doc.sections.yaml",
            """
            model: sim:fast
            sections:
              - name: summary
                prompt: |
                  Summarise this.

                  {{ two words }}
            """);
    assertThatThrownBy(() -> PatternSpecs.load(p))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("doc.sections.yaml:7: sections[0].prompt: '{{two words}}'")
        .hasMessageContaining("is not a variable");
  }

  @Test
  void anUnknownVariableInASectionPromptNamesItsLine() throws Exception {
    Path p =
        write(
            "doc.sections.yaml",
            """
            model: sim:fast
            sections:
              - name: summary
                prompt: |
                  Summarise this
                  in {{tone}} words.
            """);
    assertThatThrownBy(() -> PatternSpecs.load(p))
        .isInstanceOf(SpecException.class)
        .hasMessage(
            "doc.sections.yaml:6: sections[0].prompt: uses {{tone}}, which is not 'input' and not"
                + " in 'variables'");
  }

  @Test
  void aVotersPromptWithAVariableOtherThanInputFailsWhenReadNotWhenRun() throws Exception {
    Path p =
        write(
            "moderation.voters.yaml",
            """
            model: sim:fast
            options: [ok, not_ok]
            prompt: "Is this {{tone}}? {{input}}"
            voters:
              - name: one
            """);
    assertThatThrownBy(() -> PatternSpecs.load(p))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("moderation.voters.yaml:3: prompt: uses {{tone}}; a voters prompt");
  }

  @Test
  void aVotersPromptWithInputStillFillsIt() throws Exception {
    Path p =
        write(
            "moderation.voters.yaml",
            """
            model: sim:fast
            options: [ok, not_ok]
            prompt: "Is this spam? {{ input }}"
            voters:
              - name: one
            """);
    assertThat(((VotingSpec) PatternSpecs.load(p)).prompt()).isEqualTo("Is this spam? {{ input }}");
  }

  @Test
  void aTranslationPromptNamesItsLine() throws Exception {
    Path p =
        write(
            "translate.yaml",
            """
            model: sim:fast
            languages: [fr]
            prompt: |
              Translate into {{language}}:
              {{input
            """);
    assertThatThrownBy(() -> PatternSpecs.load(p))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("translate.yaml:5: prompt: '{{' is not closed");
  }
}
