package io.chorus.spring.boot;

import io.chorus.testing.ApiDump;
import org.junit.jupiter.api.Test;

/**
 * The public API of chorus-spring-boot-starter (every package but {@code internal} ones), compared
 * with the committed {@code api/chorus-spring-boot-starter.api}; regenerate it after a deliberate
 * change as {@link ApiDump} explains.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCommittedDump() {
    ApiDump.assertModuleMatches("chorus-spring-boot-starter");
  }
}
