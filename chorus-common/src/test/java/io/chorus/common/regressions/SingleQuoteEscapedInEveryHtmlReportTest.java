package io.chorus.common.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.internal.Html;
import org.junit.jupiter.api.Test;

/**
 * "A claim quoting {@code it's} in the Collaboration Plan's HTML was written as a raw {@code '}":
 * the deliberation report had its own escaper that left single quotes alone, while the run report
 * and the advisor escaped them. All three now call {@link Html#escape}.
 */
class SingleQuoteEscapedInEveryHtmlReportTest {

  @Test
  void everyMarkupCharacterIsEscaped() {
    assertThat(Html.escape("<a title='x' href=\"y\">it's & more</a>"))
        .isEqualTo("&lt;a title=&#39;x&#39; href=&quot;y&quot;&gt;it&#39;s &amp; more&lt;/a&gt;");
    assertThat(Html.escape(null)).isEmpty();
  }
}
