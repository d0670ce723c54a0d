package io.chorus.advisor;

import io.chorus.testing.ApiDump;
import org.junit.jupiter.api.Test;

/**
 * The public API of chorus-advisor (every package but {@code internal} ones), compared with the
 * committed {@code api/chorus-advisor.api}; regenerate it after a deliberate change as {@link
 * ApiDump} explains.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCommittedDump() {
    ApiDump.assertModuleMatches("chorus-advisor");
  }
}
