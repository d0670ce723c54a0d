package io.chorus.bench;

import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.PrefixCaching;
import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.core.Usage;
import io.chorus.deliberation.Deliberation;
import io.chorus.deliberation.DeliberationMeasures;
import io.chorus.deliberation.Participant;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.vote.Voting;
import io.chorus.providers.AnthropicProvider;
import io.chorus.providers.Secret;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.SimStats;
import io.chorus.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Cache-aware fan-out (issue 18), measured on the simulator's prompt-cache accounting through the
 * real Anthropic HTTP client: each pattern runs naive ({@link PrefixCaching#OFF}: every call pays
 * the whole shared 10,000-token context) and cache-aware ({@link PrefixCaching#AUTO}: one leader
 * writes it, the others read it once the leader's answer has begun), alternately, in the same
 * process against a fresh simulator each run. Input cost is priced at Claude Sonnet's list price
 * from the simulator's own token counts; makespan is the pattern's wall time (median of the runs).
 * Prints a Markdown section; {@code scripts/cache-bench.sh} writes it into BENCHMARKS.md.
 *
 * <p>Usage: {@code CacheFanOut [--runs N] [--out FILE] [--command TEXT]}.
 */
public final class CacheFanOut {
  static final String MODEL = "anthropic:claude-sonnet-4-5";
  static final Price SONNET = Price.of(3, 15);
  static final String BEGIN = "<!-- cache-fanout:begin -->";
  static final String END = "<!-- cache-fanout:end -->";

  private CacheFanOut() {}

  /** One run: input cost by the simulator's counts, cache tokens, wall time. */
  record Run(double inputCostUsd, long writes, long reads, long requests, long makespanMs) {}

  /** A pattern, its target share of the naive input cost, and its runs. */
  record Row(String name, double costTarget, List<Run> naive, List<Run> cached) {
    double costRatio() {
      return cached.get(0).inputCostUsd() / naive.get(0).inputCostUsd();
    }

    long median(List<Run> runs) {
      List<Long> ms = new ArrayList<>(runs.stream().map(Run::makespanMs).toList());
      Collections.sort(ms);
      return ms.get(ms.size() / 2);
    }

    double makespanRatio() {
      return (double) median(cached) / median(naive);
    }
  }

  /** 10,000 tokens by the simulator's count (four characters a token). */
  static String context(long tokens) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < tokens * 4; i++) {
      sb.append("Clause ").append(i).append(": the supplier delivers within thirty days. ");
    }
    return sb.substring(0, (int) tokens * 4);
  }

  static Run measure(PrefixCaching caching, Consumer<Engine> pattern) {
    try (Simulator sim =
        Simulator.builder()
            .seed(7)
            .model(
                "claude-sonnet-4-5",
                ModelBehaviour.builder()
                    .ttft(Duration.ofMillis(300))
                    .tokensPerSecond(100)
                    .minCacheTokens(1024)
                    .build())
            .start()) {
      try (Engine engine =
          Engine.builder()
              .provider(
                  AnthropicProvider.builder()
                      .baseUrl(sim.baseUrl())
                      .apiKey(Secret.of("sk-sim"))
                      .synthetic(true)
                      .build())
              .prices(PriceTable.empty().with("anthropic:*", SONNET))
              .prefixCaching(caching)
              .build()) {
        long t0 = System.nanoTime();
        pattern.accept(engine);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        SimStats.Counters c = sim.stats().totals();
        double cost =
            SONNET.cost(
                new Usage(c.inputTokens(), 0, c.cacheCreationTokens(), c.cacheReadTokens()));
        return new Run(cost, c.cacheCreationTokens(), c.cacheReadTokens(), c.requests(), ms);
      }
    }
  }

  static Row row(String name, double costTarget, int runs, Consumer<Engine> pattern) {
    measure(PrefixCaching.AUTO, pattern); // warm the JVM and the client
    List<Run> naive = new ArrayList<>();
    List<Run> cached = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      naive.add(measure(PrefixCaching.OFF, pattern));
      cached.add(measure(PrefixCaching.AUTO, pattern));
    }
    return new Row(name, costTarget, naive, cached);
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  public static void main(String[] args) throws IOException {
    int runs = 3;
    Path out = null;
    String command = "scripts/cache-bench.sh";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--command" -> command = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    String ctx = context(10_000);
    String loadBefore = loadAverage();
    Instant started = Instant.now();
    List<Row> rows = new ArrayList<>();
    rows.add(
        row(
            "vote: 5 voters",
            0.35,
            runs,
            engine ->
                Voting.builder()
                    .prompt(ctx + "\n\nIs the supplier bound to a delivery deadline?")
                    .options("yes", "no")
                    .samples(ModelId.parse(MODEL), 5, 0.7, null)
                    .maxTokens(200)
                    .build()
                    .run(engine)));
    rows.add(
        row(
            "sectioning: 5 sections",
            0.35,
            runs,
            engine ->
                Sectioning.builder()
                    .input(ctx)
                    .model(MODEL)
                    .maxTokens(200)
                    .section(Section.of("parties", "{{input}}\n\nName the parties."))
                    .section(Section.of("terms", "{{input}}\n\nList the delivery terms."))
                    .section(Section.of("risks", "{{input}}\n\nList the risks."))
                    .section(Section.of("fees", "{{input}}\n\nList the fees."))
                    .section(Section.of("summary", "{{input}}\n\nSummarise it."))
                    .build()
                    .run(engine)));
    DeliberationMeasures measures = DeliberationMeasures.semantic();
    rows.add(
        row(
            "deliberation: 3 participants, up to 2 rounds",
            0.35,
            runs,
            engine ->
                Deliberation.builder()
                    .task(ctx + "\n\nList the obligations of the supplier.")
                    .participant(Participant.of(MODEL).withName("a"))
                    .participant(Participant.of(MODEL).withName("b"))
                    .participant(Participant.of(MODEL).withName("c"))
                    .rounds(2)
                    .converge(1.0)
                    .claims(Deliberation.ClaimExtraction.HEURISTIC)
                    .measures(measures)
                    .maxTokens(200)
                    .build()
                    .run(engine)));
    String md = render(rows, runs, command, started, loadBefore, loadAverage());
    System.out.print(md);
    if (out != null) {
      String doc = Files.exists(out) ? Files.readString(out) : "";
      int b = doc.indexOf(BEGIN);
      int e = doc.indexOf(END);
      String section = BEGIN + "\n" + md + END;
      doc =
          b >= 0 && e > b
              ? doc.substring(0, b) + section + doc.substring(e + END.length())
              : doc + "\n" + section + "\n";
      Files.writeString(out, doc);
    }
  }

  static String render(
      List<Row> rows, int runs, String command, Instant started, String before, String after) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Cache-aware fan-out (issue 18)\n\n")
        .append("- **command**: `")
        .append(command)
        .append("`\n- **run**: ")
        .append(started)
        .append(" to ")
        .append(Instant.now())
        .append("; ")
        .append(runs)
        .append(" naive and ")
        .append(runs)
        .append(" cache-aware runs per pattern, alternating, after one warm-up")
        .append("\n- **load average** (1, 5, 15 min): ")
        .append(before)
        .append(" before, ")
        .append(after)
        .append(" after; ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, JDK ")
        .append(Runtime.version())
        .append("\n- **what**: a shared 10,000-token context (the simulator counts four characters")
        .append(" a token), Claude Sonnet's list price ($3/M input, cache write 1.25x, read 0.1x),")
        .append(" the simulator's Anthropic cache semantics (an entry is readable once the first")
        .append(" response using it has begun), 300 ms to first token, 100 tokens/s, 200 max")
        .append(" tokens. Input cost is from the simulator's token counts; makespan is the")
        .append(" pattern's wall time, median of the runs.\n\n")
        .append(
            "| Pattern | Requests | Naive input cost | Cache-aware input cost | Written / read"
                + " (tokens) | Cost ratio (target) | Naive makespan | Cache-aware makespan |"
                + " Makespan ratio (target ≤ 1.30) |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      Run n = r.naive().get(0);
      Run c = r.cached().get(0);
      sb.append("| ")
          .append(r.name())
          .append(" | ")
          .append(c.requests())
          .append(" | $")
          .append(String.format(Locale.ROOT, "%.4f", n.inputCostUsd()))
          .append(" | $")
          .append(String.format(Locale.ROOT, "%.4f", c.inputCostUsd()))
          .append(" | ")
          .append(c.writes())
          .append(" / ")
          .append(c.reads())
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1f%%", 100 * r.costRatio()))
          .append(" (≤ ")
          .append(String.format(Locale.ROOT, "%.0f%%", 100 * r.costTarget()))
          .append(r.costRatio() <= r.costTarget() ? ", met" : ", **missed**")
          .append(") | ")
          .append(r.median(r.naive()))
          .append(" ms | ")
          .append(r.median(r.cached()))
          .append(" ms | ")
          .append(String.format(Locale.ROOT, "%.2f×", r.makespanRatio()))
          .append(r.makespanRatio() <= 1.3 ? " (met)" : " (**missed**)")
          .append(" |\n");
    }
    sb.append('\n');
    return sb.toString();
  }
}
