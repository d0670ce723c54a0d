package io.chorus.review;

import io.chorus.agents.AgentDefinition;
import io.chorus.agents.AgentLibrary;
import io.chorus.agents.AgentRegistry;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.Pattern;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Task;
import io.chorus.core.Usage;
import io.chorus.review.internal.FindingsParser;
import io.chorus.review.internal.InjectionScan;
import io.chorus.review.internal.ReviewPrompts;
import io.chorus.semantics.Embedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A security code review by specialist reviewers with a confirmation threshold, fit for real
 * repositories and CI.
 *
 * <h2>What a review does</h2>
 *
 * <ol>
 *   <li>The sources are split into chunks that keep their line numbers; every reviewer reviews
 *       every chunk, all at once on the engine under the chosen {@link FailurePolicy}.
 *   <li>Each answer is read as JSON and validated against the findings schema; an answer that is
 *       not valid JSON is read in the line-based text format instead; an answer that is neither
 *       gets one repair round (the errors are sent back); then it counts as that reviewer's
 *       failure. A reviewer that fails keeps the findings of its other chunks and is named in the
 *       report.
 *   <li>Findings are grouped across reviewers ({@link FindingGroups}) and confirmed when at least
 *       {@code threshold} reviewers report them; the overall risk is the reviewers' majority, with
 *       the share that agreed as its confidence.
 *   <li>The code is untrusted input: it is fenced in the prompt, instructions inside it are not
 *       obeyed, and Chorus reports them itself.
 * </ol>
 *
 * <p>A review is a {@link Pattern}: it holds the sources and reviewers, and runs its calls on the
 * engine given to {@link #run(Engine)}, so it can be a section of a sectioning or a step of a
 * batch.
 *
 * {@snippet :
 * ReviewResult r = SecurityReview.builder()
 *     .sources(SourceSet.read(Path.of("."), List.of("src")))
 *     .reviewers(SecurityReview.specialists(AgentRegistry.builtIn(), ModelId.parse("sim:reviewer")))
 *     .threshold(2)
 *     .build()
 *     .run(engine);
 * System.out.println(r.toMarkdown());
 * }
 *
 * <p>Immutable; {@link #run} may be called many times, from any thread.
 */
public final class SecurityReview implements Pattern<ReviewResult> {
  private final String name;
  private final SourceSet sources;
  private final List<Reviewer> reviewers;
  private final int threshold;
  private final FailurePolicy policy;
  private final int chunkLines;
  private final String context;
  private final Embedder embedder;
  private final FindingsParser parser;

  private SecurityReview(Builder b) {
    if (b.sources == null) {
      throw new IllegalArgumentException(
          "review: no sources to review (SecurityReview.Builder.sources)");
    }
    if (b.reviewers.isEmpty()) {
      throw new IllegalArgumentException("review: at least one reviewer is needed");
    }
    if (b.threshold < 1 || b.threshold > b.reviewers.size()) {
      throw new IllegalArgumentException(
          "review: threshold must be between 1 and the number of reviewers ("
              + b.reviewers.size()
              + "), was "
              + b.threshold);
    }
    this.name = b.name;
    this.sources = b.sources;
    this.reviewers = List.copyOf(b.reviewers);
    this.threshold = b.threshold;
    this.policy = b.policy;
    this.chunkLines = b.chunkLines;
    this.context = b.context;
    this.embedder = b.embedder == null ? Embedder.standard() : b.embedder;
    this.parser = new FindingsParser(AgentLibrary.findingsSchema());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The name reports and progress show ({@code review} unless the builder set one). */
  @Override
  public String name() {
    return name;
  }

  /** What is reviewed. */
  public SourceSet sources() {
    return sources;
  }

  public List<Reviewer> reviewers() {
    return reviewers;
  }

  /**
   * The five specialists of the built-in library (or the registry's versions of them): injection;
   * authentication and authorization; cryptography and secrets; data protection; general.
   *
   * @param model a model for all of them, or null for each agent's own
   */
  public static List<Reviewer> specialists(AgentRegistry registry, @Nullable ModelId model) {
    List<Reviewer> out = new ArrayList<>();
    for (String name : AgentLibrary.SECURITY_REVIEWERS) {
      out.add(fromAgent(registry.agent(name), model));
    }
    return out;
  }

  /** A reviewer from an agent file: its body is the system prompt, its model the reviewer's. */
  public static Reviewer fromAgent(AgentDefinition agent, @Nullable ModelId model) {
    ModelId m =
        model != null
            ? model
            : agent.model() != null ? agent.model() : ModelId.parse("anthropic:claude-sonnet-4-5");
    return new Reviewer(
        agent.name(),
        agent.systemPrompt(),
        m,
        agent.tokenOptimization().responseMaxTokens(),
        agent.temperature());
  }

  /**
   * Reviews the sources, the calls on {@code engine}. Never throws for model failures: they are in
   * the result.
   */
  @Override
  public ReviewResult run(Engine engine) {
    long start = engine.config().time().nanoTime();
    List<CodeChunk> chunks = sources.chunks(chunkLines);
    List<Task<ChunkReview>> tasks = new ArrayList<>();
    for (Reviewer r : reviewers) {
      for (CodeChunk c : chunks) {
        tasks.add(ctx -> review(ctx.engine(), r, c));
      }
    }
    // a chunk whose review failed counts as failed for the policy; what it cost stays in the value
    FailurePolicy judged =
        policy.failedIf(
            v ->
                v instanceof ChunkReview cr && cr.failed()
                    ? Outcome.errorLine(cr.failureKind(), cr.failure())
                    : null);
    RunResult<ChunkReview> run = engine.run(tasks, RunOptions.of(judged).withLabel("review"));

    Map<String, List<Finding>> findings = new LinkedHashMap<>();
    Map<String, String> risks = new HashMap<>();
    Map<String, String> failures = new HashMap<>();
    Map<String, int[]> counters = new HashMap<>();
    Map<String, Usage> usage = new HashMap<>();
    Map<String, Double> cost = new HashMap<>();
    Map<String, ModelId> answeredBy = new HashMap<>();
    Map<String, String> failureKinds = new HashMap<>();
    Map<String, Boolean> synthetic = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      Reviewer r = reviewers.get(i / chunks.size());
      Outcome<ChunkReview> o = run.outcomes().get(i);
      findings.computeIfAbsent(r.name(), k -> new ArrayList<>());
      int[] cnt = counters.computeIfAbsent(r.name(), k -> new int[3]);
      if (o instanceof Outcome.Success<ChunkReview> s && s.value().failed()) {
        ChunkReview cr = s.value();
        cnt[0] += cr.calls;
        usage.merge(r.name(), cr.usage, Usage::plus);
        cost.merge(r.name(), cr.cost, Double::sum);
        synthetic.merge(r.name(), cr.synthetic, Boolean::logicalOr);
        failures.putIfAbsent(r.name(), Outcome.errorLine(cr.failureKind(), cr.failure()));
        failureKinds.putIfAbsent(r.name(), cr.failureKind());
      } else if (o instanceof Outcome.Success<ChunkReview> s) {
        ChunkReview cr = s.value();
        findings.get(r.name()).addAll(cr.findings);
        if (cr.risk != null) {
          risks.merge(r.name(), cr.risk, SecurityReview::worse);
        }
        cnt[0] += cr.calls;
        cnt[1] += cr.repaired ? 1 : 0;
        cnt[2] += "text".equals(cr.format) ? 1 : 0;
        usage.merge(r.name(), cr.usage, Usage::plus);
        cost.merge(r.name(), cr.cost, Double::sum);
        answeredBy.put(r.name(), cr.model);
        synthetic.merge(r.name(), cr.synthetic, Boolean::logicalOr);
      } else {
        failures.putIfAbsent(r.name(), o.errorLine());
        failureKinds.putIfAbsent(r.name(), o.errorKind());
      }
    }
    List<ReviewerReport> reports = new ArrayList<>();
    List<Finding> all = new ArrayList<>();
    for (Reviewer r : reviewers) {
      int[] cnt = counters.get(r.name());
      reports.add(
          new ReviewerReport(
              r.name(),
              answeredBy.getOrDefault(r.name(), r.model()),
              findings.get(r.name()),
              risks.get(r.name()),
              failures.get(r.name()),
              failureKinds.get(r.name()),
              cnt[0],
              cnt[1],
              cnt[2],
              usage.getOrDefault(r.name(), Usage.ZERO),
              cost.getOrDefault(r.name(), 0.0),
              synthetic.getOrDefault(r.name(), false)));
      all.addAll(findings.get(r.name()));
    }
    List<FindingGroup> groups = FindingGroups.group(all, threshold, embedder);
    Map<String, Integer> riskVotes = new LinkedHashMap<>();
    for (ReviewerReport rep : reports) {
      if (rep.overallRisk() != null) {
        riskVotes.merge(rep.overallRisk(), 1, Integer::sum);
      }
    }
    String overall = "unknown";
    double riskConfidence = 0;
    int voters = riskVotes.values().stream().mapToInt(Integer::intValue).sum();
    if (voters > 0) {
      // majority; a tie goes to the worse risk, the cautious reading
      int best = -1;
      for (Map.Entry<String, Integer> e : riskVotes.entrySet()) {
        if (e.getValue() > best || (e.getValue() == best && rank(e.getKey()) < rank(overall))) {
          best = e.getValue();
          overall = e.getKey();
        }
      }
      riskConfidence = (double) best / voters;
    }
    return new ReviewResult(
        sources.files().stream().map(SourceFile::path).toList(),
        sources.skipped(),
        chunks.size(),
        threshold,
        policy,
        reports,
        groups,
        InjectionScan.scan(sources.files()),
        overall,
        riskConfidence,
        run.failure(),
        reports.stream().anyMatch(ReviewerReport::synthetic),
        run.usage().plus(Usage.ZERO),
        reports.stream().mapToDouble(ReviewerReport::costUsd).sum(),
        Duration.ofNanos(engine.config().time().nanoTime() - start));
  }

  private ChunkReview review(Engine e, Reviewer r, CodeChunk chunk) {
    ChatRequest.Builder req =
        ChatRequest.builder(r.model())
            .system(ReviewPrompts.system(r.systemPrompt()))
            .user(ReviewPrompts.request(chunk, context))
            .maxTokens(r.maxTokens())
            .metadata("pattern", "review")
            .metadata("reviewer", r.name())
            .metadata("file", chunk.file())
            .metadata("lines", chunk.firstLine() + "-" + chunk.lastLine());
    if (r.temperature() != null) {
      req.temperature(r.temperature());
    }
    ChatRequest first = req.build();
    Usage usage = Usage.ZERO;
    double cost = 0;
    int calls = 0;
    ChatRequest current = first;
    boolean synthetic = false;
    for (int round = 0; round < 2; round++) {
      Outcome<ChatResponse> o = e.call(current);
      calls++;
      synthetic |= o.synthetic();
      usage = usage.plus(o.timeline().usage());
      cost += o.timeline().costUsd();
      if (!(o instanceof Outcome.Success<ChatResponse> s)) {
        return ChunkReview.failed(o.errorKind(), o.errorMessage(), calls, usage, cost, synthetic);
      }
      FindingsParser.Parsed parsed = parser.parse(r.name(), chunk, s.value().text());
      if (parsed.ok()) {
        return new ChunkReview(
            parsed.findings(),
            normalizeRisk(parsed.overallRisk()),
            parsed.format(),
            round > 0,
            calls,
            usage,
            cost,
            s.value().model(),
            synthetic,
            null,
            null);
      }
      if (round == 0) {
        current =
            current.toBuilder()
                .assistant(s.value().text())
                .user(ReviewPrompts.repair(parsed.errors()))
                .build();
      } else {
        return ChunkReview.failed(
            "invalid_output",
            "answer unreadable after one repair round: " + String.join("; ", parsed.errors()),
            calls,
            usage,
            cost,
            synthetic);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static String normalizeRisk(String risk) {
    if (risk == null || risk.isBlank()) {
      return null;
    }
    String r = risk.strip().toLowerCase(Locale.ROOT);
    return switch (r) {
      case "critical", "high", "medium", "low", "none" -> r;
      default -> null;
    };
  }

  private static int rank(String risk) {
    return switch (risk) {
      case "critical" -> 0;
      case "high" -> 1;
      case "medium" -> 2;
      case "low" -> 3;
      case "none" -> 4;
      default -> 5;
    };
  }

  private static String worse(String a, String b) {
    return rank(a) <= rank(b) ? a : b;
  }

  /** One reviewer's review of one chunk; a failed one names why and keeps what it cost. */
  private record ChunkReview(
      List<Finding> findings,
      String risk,
      String format,
      boolean repaired,
      int calls,
      Usage usage,
      double cost,
      ModelId model,
      boolean synthetic,
      String failureKind,
      String failure) {

    static ChunkReview failed(
        String kind, String message, int calls, Usage usage, double cost, boolean synthetic) {
      return new ChunkReview(
          List.of(), null, null, false, calls, usage, cost, null, synthetic, kind, message);
    }

    boolean failed() {
      return failure != null;
    }
  }

  /** Builds a {@link SecurityReview}; not thread-safe. */
  public static final class Builder {
    private String name = "review";
    private SourceSet sources;
    private final List<Reviewer> reviewers = new ArrayList<>();
    private int threshold = 2;
    private FailurePolicy policy = FailurePolicy.IGNORE;
    private int chunkLines = 400;
    private String context;
    private Embedder embedder;

    private Builder() {}

    /** The name reports and progress show (default {@code review}). */
    public Builder name(String n) {
      this.name = Objects.requireNonNull(n, "name");
      return this;
    }

    /**
     * What to review (required): files read by {@link SourceSet#read} or given by {@link
     * SourceSet#of}.
     */
    public Builder sources(SourceSet s) {
      this.sources = Objects.requireNonNull(s, "sources");
      return this;
    }

    public Builder reviewer(Reviewer r) {
      reviewers.add(Objects.requireNonNull(r, "reviewer"));
      return this;
    }

    public Builder reviewers(List<Reviewer> rs) {
      rs.forEach(this::reviewer);
      return this;
    }

    /** Reviewers needed to confirm a finding (default 2). */
    public Builder threshold(int t) {
      this.threshold = t;
      return this;
    }

    public Builder policy(FailurePolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    /** The most lines one call reviews (default 400). */
    public Builder chunkLines(int lines) {
      this.chunkLines = lines;
      return this;
    }

    /** What the code does, told to every reviewer; nothing unless set. */
    public Builder context(String c) {
      this.context = Objects.requireNonNull(c, "context");
      return this;
    }

    /** How findings are compared for grouping ({@link Embedder#standard()} unless set). */
    public Builder embedder(Embedder e) {
      this.embedder = Objects.requireNonNull(e, "embedder");
      return this;
    }

    public SecurityReview build() {
      return new SecurityReview(this);
    }
  }
}
