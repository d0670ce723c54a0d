package io.chorus.semantics.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.semantics.Claims;
import org.junit.jupiter.api.Test;

/**
 * "Agreed on all points." was a claim (seed 000's contentless turns); agreement phrases never are.
 */
class AgreementPhrasesAreClaimsTest {
  @Test
  void bareAgreementIsNoClaimAndTheAnswerOnlyAgrees() {
    for (String s :
        new String[] {
          "Agreed on all points.",
          "Agreed.",
          "Fully agree with Claude.",
          "Same here.",
          "Nothing to add.",
          "I agree.",
          "I align with Claude.",
          "+1",
          "Sounds good to me."
        }) {
      assertThat(Claims.split(s)).as(s).isEmpty();
      assertThat(Claims.onlyAgrees(s)).as(s).isTrue();
    }
  }

  @Test
  void agreementWithASubjectKeepsTheSubjectAndSubstanceIsNotAgreementOnly() {
    assertThat(Claims.split("Agreed on the event loop overhead for CPU-bound work.")).isNotEmpty();
    assertThat(Claims.onlyAgrees("Async I/O keeps many requests in flight.")).isFalse();
    assertThat(Claims.onlyAgrees("I agree. Also, coroutines are cheaper than threads.")).isFalse();
    assertThat(Claims.onlyAgrees("")).isFalse();
  }
}
