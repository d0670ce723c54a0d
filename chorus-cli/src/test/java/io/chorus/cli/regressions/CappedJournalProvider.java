package io.chorus.cli.regressions;

import io.chorus.batch.JournalStore;
import io.chorus.batch.JournalStoreProvider;
import io.chorus.batch.internal.SqliteJournalStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A SQLite journal on a "disk" that is nearly full, for the CLI's tests: {@code
 * capped-sqlite://FILE?pages=N} opens the journal {@code FILE} and lets it grow by {@code N} pages
 * only ({@link SqliteJournalStore#limitGrowth}), after which writes fail with a real {@code
 * SQLITE_FULL}. No file system of its own, so no mount (and no root).
 */
public final class CappedJournalProvider implements JournalStoreProvider {

  static final String SCHEME = "capped-sqlite://";

  /** The {@code --store} location of the journal {@code file} allowed {@code pages} more pages. */
  static String location(Path file, int pages) {
    return SCHEME + file.toAbsolutePath() + "?pages=" + pages;
  }

  @Override
  public Optional<JournalStore> open(String location, Map<String, String> env, Path home) {
    if (!location.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String rest = location.substring(SCHEME.length());
    int q = rest.lastIndexOf("?pages=");
    SqliteJournalStore store = SqliteJournalStore.open(Path.of(rest.substring(0, q)));
    store.limitGrowth(Integer.parseInt(rest.substring(q + "?pages=".length())));
    return Optional.of(store);
  }
}
