package io.chorus.deliberation.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.deliberation.CollaborationReport;
import io.chorus.deliberation.Contribution;
import io.chorus.deliberation.DeliberationResult;
import io.chorus.deliberation.Point;
import io.chorus.testing.FakeProvider.Reply;
import org.junit.jupiter.api.Test;

/**
 * "Contentless turns (seed 000's 'I agree', 'I align with', 'Agreed on all points.') drop
 * convergence from 0.87 to 0.00, appear as a disagreement and as a next step."
 */
class ContentlessTurnDropsConvergenceTest {
  static final String CLAUDE =
      """
      1. Async I/O lets one thread keep many network requests in flight, so I/O-bound programs finish faster.
      2. Coroutines are far cheaper than threads, so one process can hold thousands of concurrent connections.
      3. async/await keeps concurrent code readable, like sequential code, without callback chains.
      """;
  static final String GROK =
      """
      1. Non-blocking I/O lets the event loop run other requests while one waits on the network.
      2. Async scales to thousands of concurrent connections without a thread per task.
      3. async/await makes concurrent code simpler to read than callbacks.
      """;

  @Test
  void aTurnThatOnlyAgreesCarriesItsAuthorsClaimsForwardAndSaysSo() {
    DeliberationResult r =
        Deliberations.run(
            2,
            (who, round) ->
                Reply.text(
                    round == 1
                        ? (who.equals("Claude") ? CLAUDE : GROK)
                        : (who.equals("Claude")
                            ? "I agree."
                            : "Agreed on all points. I align with Claude.")));

    double first = r.rounds().get(0).convergence();
    assertThat(first).isGreaterThan(0.5);
    assertThat(r.convergence()).isEqualTo(first);
    assertThat(r.lastRound().contributions()).allMatch(Contribution::carriedForward);
    assertThat(r.lastRound().contributions().get(0).claimSource())
        .startsWith("carried forward from round 1");
    assertThat(r.disagreements())
        .extracting(Point::text)
        .noneMatch(t -> t.toLowerCase().contains("agree"));
    String md = CollaborationReport.toMarkdown(r);
    assertThat(md)
        .contains("This turn only agreed: Claude's claims from round 1 are carried forward")
        .doesNotContain("Resolve the open point \"Agreed")
        .doesNotContain("- Agreed on all points. — held by");
    assertThat(CollaborationReport.toJson(r))
        .contains("\"claim_source\" : \"carried forward from round 1");
  }
}
