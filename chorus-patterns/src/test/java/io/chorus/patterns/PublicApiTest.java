package io.chorus.patterns;

import io.chorus.testing.ApiDump;
import org.junit.jupiter.api.Test;

/**
 * The public API of chorus-patterns (every package but {@code internal} ones), compared with the
 * committed {@code api/chorus-patterns.api}; regenerate it after a deliberate change as {@link
 * ApiDump} explains.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCommittedDump() {
    ApiDump.assertModuleMatches("chorus-patterns");
  }
}
