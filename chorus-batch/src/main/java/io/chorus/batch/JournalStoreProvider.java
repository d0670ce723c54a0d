package io.chorus.batch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a {@link JournalStore} for a location that is not a file, found with {@link
 * java.util.ServiceLoader} (e.g. chorus-store-postgres for {@code postgresql://HOST/DB}); see
 * {@link JournalStores#open}.
 */
public interface JournalStoreProvider {

  /**
   * The store at {@code location}, or empty when this provider does not handle its scheme.
   *
   * @param env the environment credentials are read from (e.g. {@code PGPASSWORD})
   * @param home the user's home directory (e.g. for {@code ~/.pgpass})
   * @throws JournalException naming the location (never a password) when it handles the scheme but
   *     cannot open the store
   */
  Optional<JournalStore> open(String location, Map<String, String> env, Path home);
}
