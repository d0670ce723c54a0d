package io.chorus.review;

import io.chorus.testing.ApiDump;
import org.junit.jupiter.api.Test;

/**
 * The public API of chorus-review (every package but {@code internal} ones), compared with the
 * committed {@code api/chorus-review.api}; regenerate it after a deliberate change as {@link
 * ApiDump} explains.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCommittedDump() {
    ApiDump.assertModuleMatches("chorus-review");
  }
}
