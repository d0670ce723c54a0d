package io.chorus.patterns.section;

import io.chorus.core.CallOptions;
import io.chorus.core.CallRecord;
import io.chorus.core.CallStatus;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.Pattern;
import io.chorus.core.PatternResult;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.SharedPrefix;
import io.chorus.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The sectioning pattern: independent sections over one input, all run at once through the engine
 * as one fan-out under a {@link FailurePolicy}, then merged in declared order.
 *
 * <p>Failure policies, as the engine defines them: {@code IGNORE} (default) merges what succeeded
 * and reports the rest; {@code FAIL_FAST} cancels the remaining sections at the first failure;
 * {@code RETRY:N} runs a failed section again up to N times; {@code REQUIRE_ALL} runs everything
 * and then marks the result failed naming each failed section; {@code QUORUM:K} stops once K
 * sections succeeded. A section fails when its call fails (after the engine's retries and
 * fallbacks), or for a nested section when the nested pattern produced no output. Whatever happens,
 * the result keeps every section's outcome and what it cost.
 *
 * {@snippet :
 * SectioningResult r = Sectioning.builder()
 *     .model("sim:fast")
 *     .input(document)
 *     .section(Section.of("Summary", "Summarise in 2-3 sentences:\n\n{{input}}").withSystem("Be concise."))
 *     .section(Section.of("Sentiment", "Describe the tone of:\n\n{{input}}"))
 *     .build()
 *     .run(engine);
 * System.out.println(r.merged());
 * }
 *
 * <p>Immutable and thread-safe.
 */
public final class Sectioning implements Pattern<SectioningResult> {

  final String name;
  final List<Section> sections;
  final Map<String, String> variables;
  final ModelId defaultModel;
  final int maxTokens;
  final FailurePolicy policy;
  final Merge merge;
  final Duration deadline;
  final CallOptions callOptions;

  private Sectioning(Builder b) {
    this.name = b.name;
    this.sections = List.copyOf(b.sections);
    this.variables = Map.copyOf(b.variables);
    this.defaultModel = b.model;
    this.maxTokens = b.maxTokens;
    this.policy = b.policy;
    this.merge = b.merge;
    this.deadline = b.deadline;
    this.callOptions = b.callOptions;
    if (sections.isEmpty()) {
      throw new IllegalArgumentException("sectioning '" + name + "' has no sections");
    }
    Set<String> names = new HashSet<>();
    for (Section s : sections) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException(
            "sectioning '" + name + "': two sections are named '" + s.name() + "'");
      }
      if (s.template() != null) {
        if (s.model() == null && defaultModel == null) {
          throw new IllegalArgumentException(
              "section '" + s.name() + "' has no model and the sectioning has no default model");
        }
        try {
          s.template().render(variables);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("section '" + s.name() + "': " + e.getMessage(), e);
        }
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  public List<Section> sections() {
    return sections;
  }

  /** The request a prompt section sends. */
  public ChatRequest request(Section s) {
    return ChatRequest.builder(s.model() != null ? s.model() : defaultModel)
        .system(s.system())
        .user(s.template().render(variables))
        .maxTokens(maxTokens)
        .temperature(s.temperature())
        .metadata("pattern", "section")
        .metadata("sectioning", name)
        .metadata("section", s.name())
        .build();
  }

  @Override
  public SectioningResult run(Engine engine) {
    long start = engine.config().time().nanoTime();
    List<ChatRequest> requests = new ArrayList<>();
    for (Section s : sections) {
      requests.add(s.nested() != null ? null : request(s));
    }
    // sections sharing a long prompt start (the document) read it from the provider's cache
    List<ChatRequest> marked = SharedPrefix.markFor(engine, requests);
    List<Task<SectionOutcome>> tasks = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      int index = i;
      Section s = sections.get(i);
      ChatRequest request = marked.get(i);
      tasks.add(
          ctx -> {
            return s.nested() != null
                ? runNested(index, s, ctx.engine())
                : runPrompt(index, s, request, ctx.engine());
          });
    }
    // a section that did not succeed counts as failed for the policy; no task throws to say so
    FailurePolicy judged =
        policy.failedIf(v -> v instanceof SectionOutcome o && !o.succeeded() ? failure(o) : null);
    RunResult<SectionOutcome> run =
        engine.run(tasks, new RunOptions(judged, deadline, null, "section:" + name, callOptions));
    List<SectionOutcome> outcomes = new ArrayList<>();
    java.time.Instant ended = engine.config().time().now();
    for (int i = 0; i < sections.size(); i++) {
      Section s = sections.get(i);
      Outcome<SectionOutcome> o = run.outcomes().get(i);
      String model =
          s.nested() != null
              ? s.nested().name()
              : String.valueOf(s.model() != null ? s.model() : defaultModel);
      outcomes.add(
          switch (o) {
            case Outcome.Success<SectionOutcome> ok -> ok.value();
            case Outcome.Failure<SectionOutcome> f ->
                notDone(i, s, CallStatus.FAILED, model, f.errorKind(), f.errorMessage(), ended);
            case Outcome.Cancelled<SectionOutcome> c ->
                notDone(i, s, CallStatus.CANCELLED, model, "cancelled", c.errorMessage(), ended);
            case Outcome.TimedOut<SectionOutcome> t ->
                notDone(i, s, CallStatus.TIMED_OUT, model, "timed_out", t.errorMessage(), ended);
          });
    }
    List<SectionOutcome> ok = outcomes.stream().filter(SectionOutcome::succeeded).toList();
    Merge.Merged merged = ok.isEmpty() ? new Merge.Merged("", null) : merge.merge(ok, engine);
    long elapsedMs = (engine.config().time().nanoTime() - start) / 1_000_000;
    return SectioningResult.of(name, outcomes, merged, policy, run.failure(), elapsedMs);
  }

  private static String failure(SectionOutcome o) {
    return o.name() + ": " + (o.call() == null ? "failed" : o.call().errorMessage());
  }

  private static SectionOutcome notDone(
      int i,
      Section s,
      CallStatus status,
      String model,
      String kind,
      String message,
      java.time.Instant now) {
    return new SectionOutcome(
        i,
        s.name(),
        status,
        "",
        CallRecord.step(
            model, status, io.chorus.core.Usage.ZERO, 0, now, now, kind, message, false),
        null);
  }

  private SectionOutcome runPrompt(int index, Section s, ChatRequest request, Engine engine) {
    Outcome<ChatResponse> outcome = engine.call(request, callOptions);
    CallRecord call = CallRecord.of(request.model().toString(), outcome);
    String text = outcome instanceof Outcome.Success<ChatResponse> ok ? ok.value().text() : "";
    return new SectionOutcome(index, s.name(), call.status(), text, call, null);
  }

  private SectionOutcome runNested(int index, Section s, Engine engine) {
    java.time.Instant start = engine.config().time().now();
    PatternResult r = s.nested().run(engine);
    CallStatus status = r.ok() ? CallStatus.SUCCEEDED : CallStatus.FAILED;
    CallRecord call =
        CallRecord.step(
            s.nested().name(),
            status,
            r.usage(),
            r.costUsd(),
            start,
            engine.config().time().now(),
            r.ok() ? null : "nested_failed",
            r.ok() ? null : "the nested pattern produced no output",
            false);
    return new SectionOutcome(index, s.name(), status, r.ok() ? r.text() : "", call, r);
  }

  /** Builds a {@link Sectioning}; not thread-safe. */
  public static final class Builder {
    private String name = "sections";
    private final List<Section> sections = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private ModelId model;
    private int maxTokens = 1024;
    private FailurePolicy policy = FailurePolicy.IGNORE;
    private Merge merge = Merge.headings();
    private @Nullable Duration deadline;
    private CallOptions callOptions = CallOptions.DEFAULT;

    private Builder() {}

    public Builder name(String n) {
      this.name = Objects.requireNonNull(n, "name");
      return this;
    }

    public Builder section(Section s) {
      sections.add(Objects.requireNonNull(s, "section"));
      return this;
    }

    public Builder sections(List<Section> all) {
      all.forEach(this::section);
      return this;
    }

    /** The shared input, available to templates as {@code {{input}}}. */
    public Builder input(String input) {
      return variable("input", input);
    }

    public Builder variable(String key, String value) {
      variables.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
      return this;
    }

    public Builder model(ModelId m) {
      this.model = m;
      return this;
    }

    public Builder model(String m) {
      return model(ModelId.parse(m));
    }

    public Builder maxTokens(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("maxTokens must be positive, was " + n);
      }
      this.maxTokens = n;
      return this;
    }

    public Builder policy(FailurePolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    public Builder merge(Merge m) {
      this.merge = Objects.requireNonNull(m, "merge");
      return this;
    }

    /** The longest the whole sectioning may take (nested calls included); none unless set. */
    public Builder deadline(Duration d) {
      this.deadline = Objects.requireNonNull(d, "deadline");
      return this;
    }

    /** No deadline for the whole sectioning (the default); each call keeps its own timeouts. */
    public Builder noDeadline() {
      this.deadline = null;
      return this;
    }

    public Builder callOptions(CallOptions o) {
      this.callOptions = Objects.requireNonNull(o, "callOptions");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the section and the problem
     */
    public Sectioning build() {
      return new Sectioning(this);
    }
  }
}
