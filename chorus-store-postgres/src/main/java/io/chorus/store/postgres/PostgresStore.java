package io.chorus.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalStore;
import io.chorus.store.postgres.internal.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A connection to a shared Chorus store on PostgreSQL: a small pool (HikariCP) and a schema brought
 * to this version by versioned migrations (Flyway, {@code V1__journal.sql} …). Every process that
 * opens the same server, database and schema shares its batches, responses, leases and limits.
 *
 * <h2>Opening</h2>
 *
 * {@link #open} first connects once without the pool, so that an unreachable server, a refused
 * login or a missing database is one {@link JournalException} whose message names the host and port
 * (never the password), rather than a pool's retry loop and stack trace. Then it migrates:
 *
 * <ul>
 *   <li>an empty schema is created at the newest version;
 *   <li>a schema created by an older Chorus is upgraded in place (each migration in its own
 *       transaction, recorded in {@code chorus_schema_history});
 *   <li>a schema created by a newer Chorus (a version this one does not know) is refused, naming
 *       both versions, before anything is written;
 *   <li>a schema whose applied migrations differ from this version's (an edited migration, a
 *       foreign {@code chorus_schema_history}) is refused with Flyway's reason.
 * </ul>
 *
 * <p>Thread-safe. {@link #close} closes the pool when this store created it.
 */
public final class PostgresStore implements AutoCloseable {

  private final PostgresLocation location;
  private final DataSource dataSource;
  private final boolean ownsPool;
  private final int schemaVersion;

  private PostgresStore(
      PostgresLocation location, DataSource dataSource, boolean ownsPool, int schemaVersion) {
    this.location = location;
    this.dataSource = dataSource;
    this.ownsPool = ownsPool;
    this.schemaVersion = schemaVersion;
  }

  /**
   * Connects to {@code location} and migrates its schema.
   *
   * @throws JournalException naming host and port when the server cannot be reached or refuses, or
   *     naming the versions when the schema cannot be used
   */
  public static PostgresStore open(PostgresLocation location) {
    Objects.requireNonNull(location, "location");
    probe(location);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(location.jdbcUrl());
    hc.setUsername(location.user());
    if (location.password().value() != null) {
      hc.setPassword(location.password().value());
    }
    hc.setSchema(location.schema());
    hc.setMaximumPoolSize(location.poolSize());
    hc.setMinimumIdle(Math.min(2, location.poolSize()));
    hc.setPoolName("chorus-store");
    // a pool wait beyond 3 s means the server is gone, not busy (statements take milliseconds);
    // a worker retries through the outage (StoreOutage), so a short wait only makes it notice early
    hc.setConnectionTimeout(3_000);
    hc.setInitializationFailTimeout(-1); // the probe above already said whether the server answers
    hc.setDataSourceProperties(driverProperties(location));
    HikariDataSource pool = new HikariDataSource(hc);
    try {
      int version = Migrations.migrate(pool, location.schema(), location.display());
      return new PostgresStore(location, pool, true, version);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * A store over the caller's {@link DataSource} (its own pool, its own credentials), migrated like
   * {@link #open}; {@link #close} leaves the data source open.
   *
   * @param schema the schema Chorus's tables live in (created if missing); the data source's
   *     connections must have it first on their {@code search_path} (e.g. {@code currentSchema=})
   */
  public static PostgresStore over(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    PostgresLocation described =
        new PostgresLocation(
            "datasource",
            PostgresLocation.DEFAULT_PORT,
            "datasource",
            "datasource",
            schema,
            1,
            null);
    int version = Migrations.migrate(dataSource, schema, "the data source's schema " + schema);
    return new PostgresStore(described, dataSource, false, version);
  }

  /** Where this store is (without password). */
  public PostgresLocation location() {
    return location;
  }

  /** The pool: connections have the store's schema on their search path. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The schema version this store is at (this Chorus's newest, after {@link #open}). */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** The newest schema version this Chorus knows. */
  public static int knownSchemaVersion() {
    return Migrations.newestVersion();
  }

  /**
   * The batch journal in this store (responses, batches, finished items): closing it leaves the
   * store open.
   */
  public JournalStore journal() {
    return new PostgresJournalStore(this, false);
  }

  /** One connection from the pool; the caller closes it. */
  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** Work on one connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs auto-committed statements on a pooled connection; a failure is a {@link JournalException}
   * saying {@code what}.
   */
  <T> T one(String what, Work<T> work) {
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new JournalException(Failures.inUse(location, what, e), e);
    }
  }

  /**
   * Runs {@code work} in one transaction on a pooled connection; a failure is a {@link
   * JournalException}.
   */
  <T> T tx(String what, Work<T> work) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        T r = work.run(c);
        c.commit();
        return r;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection is gone; the transaction with it
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new JournalException(Failures.inUse(location, what, e), e);
    }
  }

  /** Runs one update with {@code args} bound in order; returns the rows changed. */
  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (java.sql.PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      return p.executeUpdate();
    }
  }

  @Override
  public void close() {
    if (ownsPool && dataSource instanceof HikariDataSource h) {
      h.close();
    }
  }

  private static Properties driverProperties(PostgresLocation location) {
    Properties p = new Properties();
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "60");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "chorus");
    return p;
  }

  /**
   * Connects once; throws a one-line {@link JournalException} naming host and port when it cannot.
   */
  private static void probe(PostgresLocation location) {
    Properties p = driverProperties(location);
    p.setProperty("user", location.user());
    if (location.password().value() != null) {
      p.setProperty("password", location.password().value());
    }
    try (Connection c = DriverManager.getConnection(location.jdbcUrl(), p)) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new JournalException(Failures.atOpen(location, e), null);
    }
  }
}
