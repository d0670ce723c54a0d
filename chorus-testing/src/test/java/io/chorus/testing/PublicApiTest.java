package io.chorus.testing;

import org.junit.jupiter.api.Test;

/**
 * The public API of chorus-testing (every package but {@code internal} ones), compared with the
 * committed {@code api/chorus-testing.api}; regenerate it after a deliberate change as {@link
 * ApiDump} explains.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCommittedDump() {
    ApiDump.assertModuleMatches("chorus-testing");
  }
}
