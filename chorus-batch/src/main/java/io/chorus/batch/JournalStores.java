package io.chorus.batch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the journal a user names: a {@code scheme://} location through the {@link
 * JournalStoreProvider} on the class path that handles it ({@code postgresql://HOST[:PORT]/DB} with
 * chorus-store-postgres), anything else as the path of an embedded SQLite file.
 */
public final class JournalStores {

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");

  private JournalStores() {}

  /** Whether {@code location} names a shared store ({@code scheme://…}) rather than a file. */
  public static boolean isShared(String location) {
    return location != null && SCHEME.matcher(location).find();
  }

  /**
   * {@code location} safe to print: a password in its user info ({@code user:secret@}) becomes
   * {@code ***}.
   */
  public static String describe(String location) {
    return location == null
        ? null
        : location.replaceAll("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/?#@:]*):[^/?#@]*@", "$1:***@");
  }

  /**
   * @param base the directory a relative file path is resolved against
   * @throws JournalException when it cannot be opened, or no provider handles its scheme
   */
  public static JournalStore open(String location, Path base) {
    return open(location, base, System.getenv(), Path.of(System.getProperty("user.home", ".")));
  }

  /**
   * @param base the directory a relative file path is resolved against
   * @param env the environment credentials are read from
   * @param home the user's home directory (e.g. for {@code ~/.pgpass})
   * @throws JournalException when it cannot be opened, or no provider handles its scheme
   */
  public static JournalStore open(String location, Path base, Map<String, String> env, Path home) {
    Matcher m = SCHEME.matcher(location);
    if (!m.find()) {
      return JournalStore.sqlite(base.resolve(location));
    }
    for (JournalStoreProvider p :
        ServiceLoader.load(JournalStoreProvider.class, JournalStores.class.getClassLoader())) {
      Optional<JournalStore> s = p.open(location, env, home);
      if (s.isPresent()) {
        return s.get();
      }
    }
    throw new JournalException(
        "no store handles "
            + m.group(1)
            + ":// locations here (known: a file path"
            + ("postgresql".equals(m.group(1)) || "postgres".equals(m.group(1))
                ? "; postgresql:// needs chorus-store-postgres on the class path"
                : ", postgresql://HOST[:PORT]/DB")
            + ")",
        null);
  }
}
