package io.chorus.observe;

import io.chorus.core.Attempt;
import io.chorus.core.CallEvent;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RunResult;
import io.chorus.core.TimeSource;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A local-only window into a running process: a Unix domain socket that {@code chorus ps} and
 * {@code chorus tree PID} read, answering with the process's live run → pattern → call tree and its
 * counts. It is an {@link EngineListener}: hang it on the engine, close it at the end.
 *
 * {@snippet :
 * try (ControlEndpoint control = ControlEndpoint.open("nightly-batch", ControlEndpoint.directory(System.getenv()), TimeSource.system());
 *     Engine engine = Engine.builder().listener(control) ... .build()) {
 *   ... // meanwhile, in a shell: chorus ps; chorus tree PID
 * }
 * }
 *
 * <h2>Who can read it</h2>
 *
 * No TCP port is opened. The socket is {@code PID.sock} (or {@code PID-N.sock} for the N-th
 * endpoint of one process) in a per-user directory ({@link #directory}) created with permissions
 * {@code rwx------}; a directory that exists but is not private to this user is refused, and the
 * socket file itself is {@code rw-------}. The socket is deleted on {@link #close()} (and at JVM
 * exit if close was never reached); a socket left by a killed process is skipped and removed by
 * {@link #list}.
 *
 * <h2>The protocol (why hand-written)</h2>
 *
 * One line in ({@code ps} or {@code tree}), text out, then the server closes. Two verbs on a
 * same-user socket need no HTTP server or serialization library; the reply is the text the CLI
 * prints ({@code tree}) or one tab-separated status line ({@code ps}). Prompts, answers and keys
 * are never part of it.
 *
 * <p>Thread-safe; events update a map and cost nothing else while nobody reads.
 */
public final class ControlEndpoint implements EngineListener, AutoCloseable {

  /** The variable naming the socket directory instead of {@link #directory}'s default. */
  public static final String DIRECTORY_VARIABLE = "CHORUS_CONTROL_DIR";

  private static final Set<PosixFilePermission> PRIVATE_DIR =
      PosixFilePermissions.fromString("rwx------");

  /** What {@code chorus ps} shows of one process. */
  public record ProcessStatus(
      long pid,
      String endpoint,
      String command,
      @Nullable String runId,
      long done,
      long failed,
      int inFlight,
      int waiting,
      double costUsd) {}

  private final String command;
  private final LiveRun live;
  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private volatile boolean closed;

  private ControlEndpoint(String command, LiveRun live, Path socket, ServerSocketChannel server) {
    this.command = command.replaceAll("[\\t\\r\\n]", " ");
    this.live = live;
    this.socket = socket;
    this.server = server;
    this.acceptor = Thread.ofVirtual().name("chorus-control").unstarted(this::accept);
  }

  /**
   * The per-user socket directory: {@value #DIRECTORY_VARIABLE} when set, else {@code
   * $XDG_RUNTIME_DIR/chorus}, else {@code chorus-USER} in the system's temporary directory.
   */
  public static Path directory(Map<String, String> env) {
    String explicit = env.get(DIRECTORY_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_RUNTIME_DIR");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "chorus");
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"), "chorus-" + System.getProperty("user.name"));
  }

  /**
   * Opens the endpoint of this process in {@code directory} (created private if missing).
   *
   * @param command what {@code chorus ps} shows as the process's command
   * @throws IOException when the directory is not private to this user or the socket cannot be
   *     bound (the message names the path)
   */
  public static ControlEndpoint open(String command, Path directory, TimeSource time)
      throws IOException {
    Path dir = privateDirectory(directory);
    long pid = ProcessHandle.current().pid();
    for (int n = 1; ; n++) {
      Path p = dir.resolve(n == 1 ? pid + ".sock" : pid + "-" + n + ".sock");
      if (Files.exists(p)) {
        if (answers(p)) {
          continue; // another endpoint of this process (several commands in one JVM)
        }
        Files.deleteIfExists(p); // left by an earlier process with the same pid
      }
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        server.bind(UnixDomainSocketAddress.of(p));
      } catch (IOException e) {
        server.close();
        throw new IOException("control socket " + p + ": " + e.getMessage(), e);
      }
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      p.toFile().deleteOnExit();
      ControlEndpoint c = new ControlEndpoint(command, new LiveRun(time), p, server);
      c.acceptor.start();
      return c;
    }
  }

  /** The socket file. */
  public Path socket() {
    return socket;
  }

  /** The process status line this endpoint answers {@code ps} with. */
  public ProcessStatus status() {
    LiveRun.Status s = live.status();
    return new ProcessStatus(
        ProcessHandle.current().pid(),
        socket.getFileName().toString().replace(".sock", ""),
        command,
        s.runId(),
        s.done(),
        s.failed(),
        s.inFlight(),
        s.waiting(),
        s.costUsd());
  }

  /** The live tree, one node a line. */
  public List<String> tree() {
    return live.tree();
  }

  /**
   * The processes with an endpoint in {@code directory} that answer, oldest pid first; sockets of
   * processes that are gone are removed.
   */
  public static List<ProcessStatus> list(Path directory) throws IOException {
    List<ProcessStatus> out = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return out;
    }
    List<Path> sockets;
    try (var s = Files.list(directory)) {
      sockets = s.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().toList();
    }
    for (Path p : sockets) {
      Optional<String> reply = ask(p, "ps");
      if (reply.isEmpty()) {
        long pid = pidOf(p);
        if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
          Files.deleteIfExists(p);
        }
        continue;
      }
      String[] f = reply.get().strip().split("\t", -1);
      if (f.length >= 9) {
        out.add(
            new ProcessStatus(
                Long.parseLong(f[0]),
                f[1],
                f[2],
                f[3].isEmpty() ? null : f[3],
                Long.parseLong(f[4]),
                Long.parseLong(f[5]),
                Integer.parseInt(f[6]),
                Integer.parseInt(f[7]),
                Double.parseDouble(f[8])));
      }
    }
    return out;
  }

  /**
   * The live tree of the process whose endpoint is {@code id} ({@code PID} or {@code PID-N}) in
   * {@code directory}; empty when no such process answers.
   */
  public static Optional<List<String>> tree(Path directory, String id) {
    Path p = directory.resolve(id + ".sock");
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    return ask(p, "tree").map(t -> t.isEmpty() ? List.of() : List.of(t.split("\n")));
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing a listening socket: nothing to keep
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // removed at exit at the latest (deleteOnExit)
    }
  }

  private void accept() {
    while (!closed) {
      try {
        SocketChannel ch = server.accept();
        Thread.ofVirtual().name("chorus-control-reply").start(() -> reply(ch));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void reply(SocketChannel ch) {
    try (ch) {
      String verb = readLine(ch);
      String text =
          switch (verb) {
            case "ps" -> statusLine(status());
            case "tree" -> String.join("\n", tree());
            default -> "unknown request; expected ps or tree";
          };
      ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        ch.write(out);
      }
    } catch (IOException | RuntimeException e) {
      // a reader that went away: nothing to do
    }
  }

  private static String statusLine(ProcessStatus s) {
    return String.join(
        "\t",
        String.valueOf(s.pid()),
        s.endpoint(),
        s.command(),
        s.runId() == null ? "" : s.runId(),
        String.valueOf(s.done()),
        String.valueOf(s.failed()),
        String.valueOf(s.inFlight()),
        String.valueOf(s.waiting()),
        String.format(Locale.ROOT, "%.6f", s.costUsd()));
  }

  private static String readLine(SocketChannel ch) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(64);
    while (in.hasRemaining()) {
      if (ch.read(in) < 0) {
        break;
      }
      if (new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).contains("\n")) {
        break;
      }
    }
    return new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).strip();
  }

  private static Optional<String> ask(Path p, String verb) {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(p))) {
      ch.write(ByteBuffer.wrap((verb + "\n").getBytes(StandardCharsets.US_ASCII)));
      ch.shutdownOutput();
      var out = new java.io.ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(8192);
      while (ch.read(buf) >= 0) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      return Optional.of(out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean answers(Path p) {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(p))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static long pidOf(Path p) {
    String name = p.getFileName().toString().replace(".sock", "");
    int dash = name.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? name : name.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Path privateDirectory(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
      Files.setPosixFilePermissions(dir, PRIVATE_DIR); // whatever the umask did
      return dir;
    }
    String me = System.getProperty("user.name");
    String owner = Files.getOwner(dir).getName();
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
    if (!owner.equals(me) || !perms.equals(PRIVATE_DIR)) {
      throw new IOException(
          "control directory "
              + dir
              + " must belong to "
              + me
              + " with permissions rwx------ (it is "
              + owner
              + ", "
              + PosixFilePermissions.toString(perms)
              + ")");
    }
    return dir;
  }

  // ---- EngineListener: the live state

  @Override
  public void runStart(String runId, String label, int tasks) {
    live.runStart(runId, label, tasks);
  }

  @Override
  public void runEnd(String runId, RunResult<?> result) {
    live.runEnd(runId, result);
  }

  @Override
  public void callQueued(CallEvent call) {
    live.callQueued(call);
  }

  @Override
  public void callAdmitted(CallEvent call) {
    live.callAdmitted(call);
  }

  @Override
  public void rateLimitWaitStart(CallEvent call, ModelId model, String bucket, Duration expected) {
    live.rateLimitWaitStart(call, model, bucket, expected);
  }

  @Override
  public void rateLimitWaitEnd(CallEvent call, ModelId model, Duration waited) {
    live.rateLimitWaitEnd(call, model, waited);
  }

  @Override
  public void attemptStart(CallEvent call, int attempt, Attempt.Kind kind, ModelId model) {
    live.attemptStart(call, attempt, kind, model);
  }

  @Override
  public void attemptEnd(CallEvent call, Attempt attempt) {
    live.attemptEnd(call, attempt);
  }

  @Override
  public void retryScheduled(CallEvent call, int nextAttempt, Duration delay, String errorKind) {
    live.retryScheduled(call, nextAttempt, delay, errorKind);
  }

  @Override
  public void hedgeLaunched(CallEvent call, int attempt, ModelId model) {
    live.hedgeLaunched(call, attempt, model);
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    live.callEnd(call, outcome);
  }
}
