package io.chorus.store.postgres;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a shared store lives: {@code postgresql://[USER@]HOST[:PORT]/DATABASE[?schema=S&pool=N]}
 * (also {@code postgres://}), with the password found as libpq finds it, so that it never has to be
 * written in a command line or a {@code chorus.yaml}:
 *
 * <ol>
 *   <li>{@code CHORUS_STORE_PASSWORD}, then {@code PGPASSWORD};
 *   <li>the first matching line of the pgpass-style file {@code PGPASSFILE} or {@code ~/.pgpass}
 *       ({@code host:port:database:user:password}, {@code *} matches anything, {@code \:} and
 *       {@code \\} escape);
 *   <li>a password in the URL itself ({@code user:secret@host}) is accepted too, for a {@code
 *       DATABASE_URL} pasted as is.
 * </ol>
 *
 * The user is the URL's, else {@code PGUSER}, else the operating-system user. The password is never
 * part of {@link #toString()} or {@link #display()}, and {@link #scrub} removes it from any text (a
 * driver message) before it is printed or logged.
 *
 * @param host the server's host name or address
 * @param port its port (5432 by default)
 * @param database the database
 * @param user the role Chorus connects as
 * @param schema the schema Chorus's tables live in ({@code chorus} by default; created if missing)
 * @param poolSize connections kept open by this process (8 by default)
 */
public record PostgresLocation(
    String host,
    int port,
    String database,
    String user,
    String schema,
    int poolSize,
    Secret password) {

  /** The default port. */
  public static final int DEFAULT_PORT = 5432;

  /** A password that does not print itself. */
  public record Secret(String value) {
    /** No password (trust or peer authentication, or a server that asks for none). */
    public static final Secret NONE = new Secret(null);

    @Override
    public String toString() {
      return value == null ? "<none>" : "<redacted>";
    }
  }

  public PostgresLocation {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(schema, "schema");
    password = password == null ? Secret.NONE : password;
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "store schema '" + schema + "' must be a plain SQL identifier (letters, digits, _)");
    }
    if (poolSize < 1 || poolSize > 200) {
      throw new IllegalArgumentException("store pool size must be within 1..200, was " + poolSize);
    }
  }

  /** Whether {@code location} names a PostgreSQL store (rather than a file). */
  public static boolean isPostgres(String location) {
    return location != null
        && (location.startsWith("postgresql://") || location.startsWith("postgres://"));
  }

  /** Parses {@code url} with credentials from this process's environment and home directory. */
  public static PostgresLocation parse(String url) {
    return parse(url, System.getenv(), Path.of(System.getProperty("user.home", ".")));
  }

  /**
   * Parses {@code url}, finding the user and password in {@code env} and the pgpass file.
   *
   * @throws IllegalArgumentException naming what is wrong (never the password)
   */
  public static PostgresLocation parse(String url, Map<String, String> env, Path home) {
    if (!isPostgres(url)) {
      throw new IllegalArgumentException(
          "store '" + redactUserInfo(url) + "' is not a postgresql://HOST[:PORT]/DATABASE URL");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "store '" + redactUserInfo(url) + "' is not a valid URL: " + e.getReason());
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException(
          "store '" + redactUserInfo(url) + "' names no host (postgresql://HOST[:PORT]/DATABASE)");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    if (database.isEmpty() || database.contains("/")) {
      throw new IllegalArgumentException(
          "store '"
              + redactUserInfo(url)
              + "' names no database (postgresql://HOST[:PORT]/DATABASE)");
    }
    String user = null;
    String urlPassword = null;
    if (uri.getRawUserInfo() != null) {
      String[] ui = uri.getRawUserInfo().split(":", 2);
      user = decode(ui[0]);
      urlPassword = ui.length > 1 ? decode(ui[1]) : null;
    }
    if (user == null || user.isEmpty()) {
      user = nonEmpty(env.get("PGUSER"));
    }
    if (user == null) {
      user = System.getProperty("user.name", "postgres");
    }
    Map<String, String> query = query(uri.getRawQuery());
    String schema = query.getOrDefault("schema", "chorus");
    int pool;
    try {
      pool = Integer.parseInt(query.getOrDefault("pool", "8"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "store parameter pool=" + query.get("pool") + " is not a number");
    }
    for (String k : query.keySet()) {
      if (!List.of("schema", "pool").contains(k)) {
        throw new IllegalArgumentException(
            "store parameter '" + k + "' is not known (known: schema, pool)");
      }
    }
    String password = nonEmpty(env.get("CHORUS_STORE_PASSWORD"));
    if (password == null) {
      password = nonEmpty(env.get("PGPASSWORD"));
    }
    if (password == null) {
      String file = nonEmpty(env.get("PGPASSFILE"));
      password =
          pgpass(
              file != null ? Path.of(file) : home.resolve(".pgpass"), host, port, database, user);
    }
    if (password == null) {
      password = urlPassword;
    }
    return new PostgresLocation(host, port, database, user, schema, pool, new Secret(password));
  }

  /** {@code postgresql://user@host:port/database} (no password), for messages. */
  public String display() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "postgresql://"
        + user
        + "@"
        + h
        + ":"
        + port
        + "/"
        + database
        + ("chorus".equals(schema) ? "" : "?schema=" + schema);
  }

  /** {@code host:port}, as the unreachable-server message names it. */
  public String hostAndPort() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The JDBC URL (without credentials). */
  public String jdbcUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }

  /** {@code text} with this location's password (if any) replaced by {@code ***}. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = redactUserInfo(text);
    if (password.value() != null && !password.value().isEmpty()) {
      out = out.replace(password.value(), "***");
    }
    return out;
  }

  @Override
  public String toString() {
    return display();
  }

  /** The first line of a pgpass file matching the connection, or null. */
  static String pgpass(Path file, String host, int port, String database, String user) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null; // like libpq: an unreadable password file is no password
    }
    String[] want = {host, Integer.toString(port), database, user};
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = splitPgpass(line);
      if (fields.size() != 5) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < 4 && match; i++) {
        String f = fields.get(i);
        match =
            f.equals("*")
                || f.equals(want[i])
                || (i == 0 && f.equals("localhost") && want[0].equals("127.0.0.1"));
      }
      if (match) {
        return fields.get(4);
      }
    }
    return null;
  }

  private static List<String> splitPgpass(String line) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
      } else if (c == ':' && out.size() < 4) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&")) {
      String[] kv = part.split("=", 2);
      out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Removes {@code user:password@} from URLs in a text. */
  static String redactUserInfo(String text) {
    return text == null
        ? null
        : text.replaceAll("(?i)\\b(postgres(?:ql)?://)[^/?#\\s@:]*:[^/?#\\s@]*@", "$1***@");
  }
}
