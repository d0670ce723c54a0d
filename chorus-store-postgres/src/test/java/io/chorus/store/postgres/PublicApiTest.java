package io.chorus.store.postgres;

import io.chorus.testing.ApiDump;
import org.junit.jupiter.api.Test;

/**
 * The store module's public API ({@code io.chorus.store.postgres}, not {@code internal}), compared
 * with the committed {@code api/chorus-store-postgres.api}; regenerate it after a deliberate change
 * as {@link ApiDump} explains.
 */
class PublicApiTest {

  @Test
  void publicApiMatchesTheCommittedDump() {
    ApiDump.assertMatches("io.chorus.store.postgres", "chorus-store-postgres");
  }
}
