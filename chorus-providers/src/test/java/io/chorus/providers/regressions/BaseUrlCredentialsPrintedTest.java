package io.chorus.providers.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.providers.BaseUrl;
import org.junit.jupiter.api.Test;

/**
 * {@code chorus config show} printed credentials embedded in a base URL ({@code
 * http://user:SECRET@…}): the one shared redaction covers every URL in a text, wherever it is
 * printed or logged.
 */
class BaseUrlCredentialsPrintedTest {

  @Test
  void theSharedRedactionCoversEveryUrlInAText() {
    assertThat(
            BaseUrl.redact(
                "failed: https://u:p@example.test/v1 and http://token@127.0.0.1:8/x; mail a@b.c"))
        .isEqualTo("failed: https://***@example.test/v1 and http://***@127.0.0.1:8/x; mail a@b.c");
  }
}
