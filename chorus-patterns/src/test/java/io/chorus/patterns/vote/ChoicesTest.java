package io.chorus.patterns.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChoicesTest {

  private final Choices moderation = Choices.of(List.of("acceptable", "needs_review", "rejected"));

  @Test
  void caseSpacesPunctuationAndUnderscoresDoNotMatter() {
    assertThat(moderation.match("Needs Review.")).contains("needs_review");
    assertThat(moderation.match("NEEDS-REVIEW")).contains("needs_review");
    assertThat(moderation.match("\"Rejected\"")).contains("rejected");
    assertThat(moderation.match("  acceptable!  ")).contains("acceptable");
  }

  @Test
  void obviousSynonymsMap() {
    assertThat(moderation.match("reject")).contains("rejected");
    assertThat(moderation.match("Approve")).contains("acceptable");
    assertThat(moderation.match("OK")).contains("acceptable");
    assertThat(moderation.match("flag for human review"))
        .contains("needs_review"); // leading synonym
    assertThat(moderation.match("flagged")).contains("needs_review");
    assertThat(moderation.match("human review")).contains("needs_review");
  }

  @Test
  void negationsNeverMatchThePositiveOption() {
    // seed 004's substring test would map "unacceptable" to "acceptable"
    assertThat(moderation.match("unacceptable")).contains("rejected");
    assertThat(moderation.match("not acceptable")).contains("rejected");
    assertThat(Choices.of(List.of("acceptable", "other")).match("unacceptable")).isEmpty();
  }

  @Test
  void leadingOptionWithExplanation() {
    assertThat(moderation.match("Rejected - it insults people")).contains("rejected");
    assertThat(moderation.match("needs review because of tone")).contains("needs_review");
  }

  @Test
  void unknownDecisionsDoNotMatch() {
    assertThat(moderation.match("banana")).isEmpty();
    assertThat(moderation.match("")).isEmpty();
    assertThat(moderation.match("???")).isEmpty();
  }

  @Test
  void tableIsExtendable() {
    Choices c =
        Choices.of(List.of("ship", "hold"), SynonymTable.defaults().with("ship", "release", "go"));
    assertThat(c.match("Release")).contains("ship");
    assertThat(c.match("go")).contains("ship");
    assertThat(Choices.of(List.of("ship", "hold")).match("go")).isEmpty();
  }

  @Test
  void synonymMatchingTwoOptionsIsAmbiguous() {
    Choices c = Choices.of(List.of("approve", "accept", "reject"));
    assertThat(c.match("ok")).isEmpty();
    assertThat(c.match("approved")).isEmpty();
    assertThat(c.match("approve")).contains("approve");
  }

  @Test
  void optionsEqualOnceNormalisedAreRejected() {
    assertThatThrownBy(() -> Choices.of(List.of("needs review", "needs_review")))
        .hasMessageContaining("same once normalised");
  }
}
