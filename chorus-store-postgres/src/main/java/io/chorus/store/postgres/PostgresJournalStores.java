package io.chorus.store.postgres;

import io.chorus.batch.JournalStore;
import io.chorus.batch.JournalStoreProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link JournalStoreProvider} for {@code postgresql://} and {@code postgres://} locations
 * (registered with {@link java.util.ServiceLoader}); the journal it opens closes its pool with it.
 */
public final class PostgresJournalStores implements JournalStoreProvider {

  @Override
  public Optional<JournalStore> open(String location, Map<String, String> env, Path home) {
    if (!PostgresLocation.isPostgres(location)) {
      return Optional.empty();
    }
    PostgresLocation loc;
    try {
      loc = PostgresLocation.parse(location, env, home);
    } catch (IllegalArgumentException e) {
      throw new io.chorus.batch.JournalException(e.getMessage(), null);
    }
    return Optional.of(new PostgresJournalStore(PostgresStore.open(loc), true));
  }
}
