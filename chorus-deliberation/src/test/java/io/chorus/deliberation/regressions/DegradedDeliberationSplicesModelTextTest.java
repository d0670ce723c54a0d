package io.chorus.deliberation.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ProviderError;
import io.chorus.deliberation.CollaborationReport;
import io.chorus.deliberation.DeliberationResult;
import io.chorus.testing.FakeProvider.Reply;
import org.junit.jupiter.api.Test;

/**
 * "Degraded deliberation: the surviving answer appears three times, its own headings ({@code ##
 * Next Steps}) become report sections, and the HTML shows model Markdown raw."
 */
class DegradedDeliberationSplicesModelTextTest {
  static final String GROK =
      """
      ## My Benefits

      1. Non-blocking I/O lets the event loop run **other requests** while one waits (marker-7f3a).
      2. Async scales to thousands of concurrent connections without a thread per task.

      ## Next Steps

      Try it: <script>alert('x')</script>
      """;

  @Test
  void theSurvivorIsQuotedOnceWithItsHeadingsDemotedAndRenderedAsMarkdownInHtml() {
    DeliberationResult r =
        Deliberations.run(
            1,
            (who, round) ->
                who.equals("Claude")
                    ? Reply.error(new ProviderError.Overloaded("overloaded", 529, null))
                    : Reply.text(GROK));
    assertThat(r.degraded()).isTrue();

    String md = CollaborationReport.toMarkdown(r);
    assertThat(md.split("marker-7f3a", -1)).hasSize(2); // shown once
    assertThat(md.lines().filter(l -> l.equals("## Next Steps")))
        .hasSize(1); // the report's own section only
    assertThat(md.lines().filter(l -> l.startsWith("## My Benefits"))).isEmpty();
    assertThat(md).contains("> **My Benefits**");

    String html = CollaborationReport.toHtml(r);
    assertThat(html.split("marker-7f3a", -1)).hasSize(2);
    assertThat(html)
        .contains("<strong>other requests</strong>")
        .contains("<strong>Next Steps</strong>")
        .doesNotContain("<script>")
        .contains("&lt;script&gt;")
        .doesNotContain("**other requests**");
  }
}
