package io.chorus.batch;

import io.chorus.testing.ApiDump;
import org.junit.jupiter.api.Test;

/**
 * The batch module's public API ({@code io.chorus.batch}, not {@code internal}), compared with the
 * committed {@code api/chorus-batch.api}; regenerate it after a deliberate change as {@link
 * ApiDump} explains.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCommittedDump() {
    ApiDump.assertMatches("io.chorus.batch", "chorus-batch");
  }
}
