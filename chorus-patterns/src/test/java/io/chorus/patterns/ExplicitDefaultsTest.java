package io.chorus.patterns;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Builders take no null for "the default": a setting left unset keeps its documented default, and
 * switching one off has its own method ({@code noDeadline()}), so a null from a caller's own code
 * fails at once, naming the setting, instead of silently meaning "none".
 */
class ExplicitDefaultsTest {

  @Test
  void aNullDeadlineIsRefusedAndNoDeadlineSaysSo() {
    Voting.Builder vote = Voting.builder().prompt("?").model("sim:fast").voter(Voter.named("a"));
    assertThatThrownBy(() -> vote.deadline(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("deadline");
    vote.deadline(Duration.ofSeconds(5)).noDeadline().build();

    Sectioning.Builder sections =
        Sectioning.builder().model("sim:fast").section(Section.of("A", "a"));
    assertThatThrownBy(() -> sections.deadline(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("deadline");
    sections.deadline(Duration.ofSeconds(5)).noDeadline().build();
  }
}
