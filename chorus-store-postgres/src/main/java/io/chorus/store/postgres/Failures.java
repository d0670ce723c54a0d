package io.chorus.store.postgres;

import java.sql.SQLException;

/**
 * One-line messages for what PostgreSQL or its driver said, naming the server and never the
 * password.
 */
final class Failures {

  private Failures() {}

  /** Why {@code location} could not be opened: unreachable, login refused, no such database. */
  static String atOpen(PostgresLocation location, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = location.hostAndPort();
    String why = location.scrub(firstLine(e));
    if (state.startsWith("08")) {
      return "cannot reach the PostgreSQL store at "
          + where
          + " ("
          + location.display()
          + "): "
          + why;
    }
    if (state.equals("28P01") || state.equals("28000")) {
      return "the PostgreSQL store at "
          + where
          + " refused user "
          + location.user()
          + ": "
          + why
          + " (set CHORUS_STORE_PASSWORD or PGPASSWORD, or add a line to ~/.pgpass)";
    }
    if (state.equals("3D000")) {
      return "the PostgreSQL store at "
          + where
          + " has no database "
          + location.database()
          + " (create it: createdb -h "
          + location.host()
          + " -p "
          + location.port()
          + " "
          + location.database()
          + ")";
    }
    return "cannot open the PostgreSQL store at " + where + " (" + location.display() + "): " + why;
  }

  /** A statement failed mid-run: the SQL state and the first line of the driver's message. */
  static String inUse(PostgresLocation location, String what, SQLException e) {
    return "the PostgreSQL store at "
        + location.hostAndPort()
        + " failed while "
        + what
        + ": "
        + location.scrub(firstLine(e))
        + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")");
  }

  /** Whether the failure is the connection (the server went away), not the statement. */
  static boolean isConnectionLost(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().equals("57P01"))) {
        return true;
      }
    }
    return false;
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      Throwable c = e.getCause();
      return c != null && c != e ? firstLine(c) : e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}
