package io.chorus.langchain4j;

import io.chorus.testing.ApiDump;
import org.junit.jupiter.api.Test;

/**
 * The public API of chorus-langchain4j (every package but {@code internal} ones), compared with the
 * committed {@code api/chorus-langchain4j.api}; regenerate it after a deliberate change as {@link
 * ApiDump} explains.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCommittedDump() {
    ApiDump.assertModuleMatches("chorus-langchain4j");
  }
}
