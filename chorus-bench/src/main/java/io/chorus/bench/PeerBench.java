package io.chorus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark scenarios of issue 10: for each, one simulator process, then each client in
 * its own process (Chorus, the JDK HttpClient baseline, LangChain4j, the Node SDKs) against it with
 * the same workload; then the engine-overhead probes; then writes the tables into BENCHMARKS.md
 * between its markers. Run through {@code scripts/bench.sh}, which builds the classpath and
 * installs the Node peers.
 *
 * <p>Options: {@code --quick}, {@code --only P1,P3}, {@code --clients chorus,jdk-httpclient},
 * {@code --out BENCHMARKS.md}, {@code --node-dir DIR}, {@code --work DIR}, {@code --jmh FILE} (JMH
 * JSON results to include), {@code --command TEXT} (how it was invoked, for the report).
 */
public final class PeerBench {
  /** The start marker of the section a variant ({@code quick} or {@code full}) writes. */
  static String begin(String variant) {
    return "<!-- bench:" + variant + ":begin -->";
  }

  static String end(String variant) {
    return "<!-- bench:" + variant + ":end -->";
  }

  /** The suffix of a peer run with its ecosystem's usual rate limiter (P3). */
  static final String LIMITED = "+limiter";

  private final String java = ProcessHandle.current().info().command().orElse("java");
  private final String classpath = System.getProperty("java.class.path");
  private final Path nodeDir;
  private final Path work;

  /**
   * The TLS trust of the scenario being run: the CA file (Chorus, Node) and its PKCS#12 trust store
   * (the JVM peers); null over plain http.
   */
  private Path caPem;

  private Path trustStore;
  private WirePath path = WirePath.PLAIN;

  private PeerBench(Path nodeDir, Path work) {
    this.nodeDir = nodeDir;
    this.work = work;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    boolean quick = false;
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].equals("--quick")) {
        quick = true;
      } else if (argv[i].startsWith("--") && i + 1 < argv.length) {
        opts.put(argv[i].substring(2), argv[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument '" + argv[i] + "'");
      }
    }
    Set<String> only = opts.containsKey("only") ? Set.of(opts.get("only").split(",")) : null;
    Set<String> clients =
        opts.containsKey("clients") ? Set.of(opts.get("clients").split(",")) : null;
    Path out = Path.of(opts.getOrDefault("out", "BENCHMARKS.md"));
    PeerBench bench =
        new PeerBench(
            Path.of(opts.getOrDefault("node-dir", ".bench/node")),
            Path.of(opts.getOrDefault("work", "chorus-bench/target/bench-run")));
    Files.createDirectories(bench.work);
    Instant started = Instant.now();
    List<ScenarioRun> runs = new ArrayList<>();
    for (Scenario s : Scenarios.all(quick)) {
      if (only != null && !only.contains(s.id())) {
        continue;
      }
      runs.add(bench.run(s, clients));
      write(
          out,
          quick,
          facts(opts, quick, started),
          runs,
          null,
          null); // partial results survive an interruption
    }
    ClientResult overhead =
        only == null || only.contains("overhead") ? bench.overhead(quick) : null;
    String jmh = opts.containsKey("jmh") ? Jmh.summary(Path.of(opts.get("jmh"))) : null;
    write(out, quick, facts(opts, quick, started), runs, overhead, jmh);
    for (Verdict v : Report.allVerdicts(runs, overhead)) {
      System.out.println(v.id() + ": " + v.status() + " — " + v.measured());
    }
  }

  private static Map<String, String> facts(
      Map<String, String> opts, boolean quick, Instant started) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "command",
        "`" + opts.getOrDefault("command", "scripts/bench.sh" + (quick ? " --quick" : "")) + "`");
    f.put(
        "run",
        started.truncatedTo(ChronoUnit.SECONDS)
            + " to "
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + (quick ? " (quick variant)" : " (full size)"));
    f.put(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + Runtime.version()
            + ", load average at end "
            + loadAverage());
    return f;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static void write(
      Path out,
      boolean quick,
      Map<String, String> facts,
      List<ScenarioRun> runs,
      ClientResult overhead,
      String jmh)
      throws IOException {
    String body = Report.render(facts, runs, overhead, jmh);
    String doc = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
    Files.writeString(out, splice(doc, quick ? "quick" : "full", body));
  }

  /**
   * Replaces what is between the variant's markers (appending them when missing), so that the quick
   * and the full-size results live side by side and the text around them is kept.
   */
  static String splice(String doc, String variant, String body) {
    String begin = begin(variant);
    String end = end(variant);
    int b = doc.indexOf(begin);
    int e = doc.indexOf(end);
    if (b < 0 || e < b) {
      return doc + (doc.endsWith("\n") ? "" : "\n") + "\n" + begin + "\n" + body + end + "\n";
    }
    return doc.substring(0, b + begin.length()) + "\n" + body + doc.substring(e);
  }

  private ScenarioRun run(Scenario s, Set<String> only) throws IOException, InterruptedException {
    Path dir = work.resolve(s.id());
    Files.createDirectories(dir);
    Path config = dir.resolve("sim.yaml");
    Files.writeString(config, s.simYaml());
    System.out.println("== " + s.id() + ": " + s.title() + " (" + s.size() + ")");
    String load0 = loadAverage();
    List<Row> rows = new ArrayList<>();
    TlsTerminator terminator = null;
    String nginx = TlsTerminator.nginx();
    if (s.path() == WirePath.TLS_H2 && nginx == null) {
      System.out.println(
          "   skipped: the TLS h2 path needs nginx on the PATH (apt-get install nginx-light)");
      return new ScenarioRun(s, List.of(), "skipped: no nginx");
    }
    try (SimProcess sim =
        SimProcess.start(
            java,
            classpath,
            config,
            dir.resolve("sim.log"),
            Duration.ofSeconds(90),
            s.path() == WirePath.TLS_H1 ? dir.resolve("sim-ca.pem").toAbsolutePath() : null)) {
      String base = sim.baseUrl();
      path = s.path();
      caPem = sim.caPem();
      if (s.path() == WirePath.TLS_H2) {
        terminator = TlsTerminator.start(nginx, sim.baseUrl(), dir.resolve("nginx"));
        base = terminator.baseUrl();
        caPem = terminator.caPem();
      }
      trustStore = caPem == null ? null : BenchTrust.trustStore(caPem);
      ClientArgs w = s.workload();
      ClientArgs args =
          new ClientArgs(
              base,
              w.model(),
              w.workflows(),
              w.fanout(),
              w.parallel(),
              w.stream(),
              w.maxTokens(),
              w.prompt(),
              w.rpm(),
              w.tpm(),
              w.hedgeQuantile(),
              w.maxSeconds());
      warmUp(sim, args, dir);
      for (String client : s.clients()) {
        if (only != null && !only.contains(client)) {
          continue;
        }
        List<Row> tries = new ArrayList<>();
        for (int k = 0; k < Scenarios.repeats(s.id()); k++) {
          sim.reset();
          sim.awaitQuiet(Duration.ofSeconds(10));
          // the server side is the simulator, and over TLS h2 the nginx in front of it as well
          double simCpu0 = sim.cpuMs() + (terminator == null ? 0 : terminator.cpuMs());
          Row row = runClient(client, args, s.clientTimeout(), sim, dir);
          double simCpu1 = sim.cpuMs() + (terminator == null ? 0 : terminator.cpuMs());
          row =
              new Row(
                  row.client(),
                  row.result(),
                  row.sim().withCpuMs(simCpu0 < 0 || simCpu1 < 0 ? -1 : simCpu1 - simCpu0),
                  row.problem());
          tries.add(row);
          System.out.println(
              "   "
                  + client
                  + ": "
                  + (row.result() == null
                      ? row.problem()
                      : Report.fmt(
                          "%d/%d ok in %.1f s, sim requests %d, 429s %d",
                          row.result().ok(),
                          row.result().calls(),
                          row.result().wallMs() / 1000,
                          row.sim().requests(),
                          row.sim().rateLimited())));
          Thread.sleep(2000); // let closed connections drain before the next client
        }
        rows.add(Report.medianByWall(tries));
      }
    } finally {
      if (terminator != null) {
        terminator.close();
      }
      path = WirePath.PLAIN;
      caPem = null;
      trustStore = null;
    }
    if (s.id().equals("P1") && (only == null || only.contains(Report.CHORUS))) {
      rows.add(inProcessMakespan(s, dir));
    }
    return new ScenarioRun(s, rows, load0 + " → " + loadAverage());
  }

  /**
   * P1 for the engine alone: the same N, C and L through {@code Engine.callAll} over an in-process
   * transport that sleeps L on each call's thread, so neither HTTP nor the simulator shares the
   * cores. It shows what the engine's scheduling costs, apart from the machine's HTTP capacity.
   */
  private Row inProcessMakespan(Scenario s, Path dir) throws IOException, InterruptedException {
    ClientArgs w = s.workload();
    Path log = dir.resolve(Report.IN_PROCESS + ".log");
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx2g",
                "-cp",
                classpath,
                "io.chorus.bench.Makespan",
                String.valueOf(w.workflows()),
                String.valueOf(w.parallel()),
                String.valueOf((long) s.latencyMs()))
            .redirectError(log.toFile())
            .start();
    String found = lastResultLine(p);
    if (!p.waitFor(s.clientTimeout().toMinutes(), TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    System.out.println("   " + Report.IN_PROCESS + ": " + (found == null ? "no result" : "done"));
    return found == null
        ? new Row(
            Report.IN_PROCESS,
            null,
            SimCounters.UNKNOWN,
            "exited without a result (log: " + log.getFileName() + ")")
        : new Row(Report.IN_PROCESS, ClientResult.parseLine(found), SimCounters.UNKNOWN, null);
  }

  private static String lastResultLine(Process p) throws IOException {
    String found = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        if (l.startsWith(ClientResult.PREFIX)) {
          found = l;
        }
      }
    }
    return found;
  }

  /**
   * Warms the fresh simulator JVM up (JIT, thread and connection machinery) with a short unrecorded
   * run of the JDK baseline against its zero-latency model, so that whichever client goes first
   * does not pay for it.
   */
  private void warmUp(SimProcess sim, ClientArgs args, Path dir)
      throws IOException, InterruptedException {
    // 20,000 calls: with 3,000 the simulator was still compiling its hot paths during the first
    // client's run (the first client, always Chorus, was charged 2-3x the simulator CPU per call
    // that later clients were, and ran up to 40% slower in P2 than in a repeat of the same run)
    ClientArgs warm =
        new ClientArgs(
            args.base(),
            "instant",
            20_000,
            1,
            64,
            args.stream(),
            args.maxTokens(),
            args.prompt(),
            0,
            0,
            0,
            120);
    Row r = runClient("jdk-httpclient", warm, Duration.ofMinutes(3), sim, dir.resolve("warm-up"));
    System.out.println(
        "   (simulator warm-up: "
            + (r.result() == null ? r.problem() : r.result().ok() + " calls")
            + ")");
    sim.reset();
  }

  List<String> command(String client, ClientArgs args) {
    List<String> cmd = new ArrayList<>();
    ClientArgs a = args;
    String main =
        switch (client.replace(LIMITED, "")) {
          case "chorus" -> "io.chorus.bench.ChorusClient";
          case "chorus+hedge" -> {
            a =
                new ClientArgs(
                    args.base(),
                    args.model(),
                    args.workflows(),
                    args.fanout(),
                    args.parallel(),
                    args.stream(),
                    args.maxTokens(),
                    args.prompt(),
                    args.rpm(),
                    args.tpm(),
                    0.95,
                    args.maxSeconds());
            yield "io.chorus.bench.ChorusClient";
          }
          case "jdk-httpclient" -> "io.chorus.bench.JdkHttpPeer";
          case "langchain4j" -> "io.chorus.bench.LangChain4jPeer";
          case "node-openai-sdk", "node-anthropic-sdk", "chorus@512m" -> null;
          default -> throw new IllegalArgumentException("unknown client '" + client + "'");
        };
    if (client.equals("chorus@512m")) {
      main = "io.chorus.bench.ChorusClient"; // the same client, its heap capped at the P4 target
    }
    if (main != null) {
      cmd.add(java);
      cmd.add(client.equals("chorus@512m") ? "-Xmx512m" : "-Xmx2g");
      if (trustStore != null && !client.startsWith(Report.CHORUS)) {
        cmd.addAll(BenchTrust.jvmOptions(trustStore));
      }
      cmd.addAll(List.of("-cp", classpath, main));
    } else {
      cmd.addAll(
          List.of(
              "node",
              nodeDir.resolve("peer-sdk.mjs").toString(),
              "--sdk",
              client.startsWith("node-openai-sdk") ? "openai" : "anthropic"));
    }
    cmd.addAll(a.toArgs());
    return cmd;
  }

  private Row runClient(String client, ClientArgs args, Duration timeout, SimProcess sim, Path dir)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = dir.resolve(client.replace('+', '-') + ".log");
    ProcessBuilder pb = new ProcessBuilder(command(client, args)).redirectError(log.toFile());
    if (caPem != null) {
      // Chorus trusts it through HttpTransport.Builder.trustedCertificates, Node through its own
      // variable; the JVM peers through the trust store on their command line
      pb.environment().put(ChorusClient.CA_FILE_VARIABLE, caPem.toString());
      pb.environment().put("NODE_EXTRA_CA_CERTS", caPem.toString());
    }
    if (client.endsWith(LIMITED)) {
      pb.environment().put(Workload.LIMITER_VARIABLE, "true");
    }
    if (path == WirePath.TLS_H2) {
      pb.environment().put(JdkHttpPeer.HTTP2_VARIABLE, "true");
    }
    Process p = pb.start();
    CompletableFuture<String> resultLine =
        CompletableFuture.supplyAsync(
            () -> {
              String found = null;
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  if (l.startsWith(ClientResult.PREFIX)) {
                    found = l;
                  }
                }
              } catch (IOException e) {
                // the process died; reported below
              }
              return found;
            });
    boolean finished = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    String line;
    try {
      line = resultLine.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      line = null;
    }
    SimCounters counters = sim.stats();
    if (line == null) {
      String why =
          !finished
              ? "killed after " + timeout.toMinutes() + " min"
              : "exited " + p.exitValue() + " without a result";
      return new Row(client, null, counters, why + " (log: " + log.getFileName() + ")");
    }
    return new Row(client, ClientResult.parseLine(line), counters, null);
  }

  private ClientResult overhead(boolean quick) throws IOException, InterruptedException {
    System.out.println("== engine overhead (CPU probe)");
    Path log = work.resolve("overhead.log");
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx1g",
                "-cp",
                classpath,
                "io.chorus.bench.EngineOverhead",
                quick ? "100000" : "500000")
            .redirectError(log.toFile())
            .start();
    String found = lastResultLine(p);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return found == null ? null : ClientResult.parseLine(found);
  }
}
