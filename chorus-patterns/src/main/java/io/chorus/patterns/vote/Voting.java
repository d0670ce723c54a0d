package io.chorus.patterns.vote;

import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The voting pattern: several voters answer the same prompt at once, their answers are parsed (see
 * {@link AnswerParser}), matched to the options (see {@link Choices}) and aggregated into a {@link
 * Tally}.
 *
 * <p>Every call goes through the {@link Engine} given to {@link #run}, under its limits, retries
 * and breakers; the voters run as one fan-out under the vote's {@link FailurePolicy} (default
 * {@code IGNORE}: failed voters are reported as failed votes, never counted). With {@link
 * Adaptive}, the vote stops once its outcome is settled. Self-consistency ({@link Builder#samples})
 * is N voters sharing one model and persona; each request carries its own {@link
 * ChatRequest#sampleIndex()} so no cache collapses them into one answer. A voter can be a whole
 * pattern ({@link Voter#nested}): a vote whose voters are deliberations, each run on the vote's
 * engine as one task of its fan-out.
 *
 * {@snippet :
 * VotingResult r = Voting.builder()
 *     .prompt("Is this comment acceptable? ...")
 *     .options("acceptable", "needs_review", "rejected")
 *     .model("sim:fast")
 *     .voter(Voter.named("strict").withSystem("You are a strict moderator.").withTemperature(0.3))
 *     .voter(Voter.named("lenient").withSystem("You are a lenient moderator."))
 *     .voter(Voter.named("balanced").withModel("anthropic:claude-haiku-4-5"))
 *     .aggregator(Aggregators.majority())
 *     .build()
 *     .run(engine);
 * System.out.println(r.toMarkdown());
 * }
 *
 * <p>Immutable and thread-safe.
 */
public final class Voting implements Pattern<VotingResult> {

  final String name;
  final String prompt;
  final Choices choices;
  final List<Voter> voters;
  final ModelId defaultModel;
  final int maxTokens;
  final Aggregator aggregator;
  final FailurePolicy policy;
  final Adaptive adaptive;
  final boolean ranked;
  final AnswerFormat format;
  final CallOptions callOptions;
  final java.time.Duration deadline;

  /** Per voter in order: the pattern a nested voter runs, or null for a model voter. */
  final List<Pattern<?>> nestedPatterns;

  private Voting(Builder b) {
    this.name = b.name;
    this.prompt = Objects.requireNonNull(b.prompt, "vote prompt");
    this.choices = Choices.of(b.options, b.synonyms);
    this.voters = List.copyOf(b.voters);
    this.defaultModel = b.model;
    this.maxTokens = b.maxTokens;
    this.aggregator = b.aggregator != null ? b.aggregator : Aggregators.majority();
    this.policy = b.policy;
    this.adaptive = b.adaptive;
    this.ranked = b.ranked;
    this.format = b.format;
    this.callOptions = b.callOptions;
    this.deadline = b.deadline;
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("vote '" + name + "' has no voters");
    }
    Set<String> names = new HashSet<>();
    for (Voter v : voters) {
      if (!names.add(v.name())) {
        throw new IllegalArgumentException(
            "vote '" + name + "': two voters are named '" + v.name() + "'");
      }
      if (v.nested() == null && v.model() == null && defaultModel == null) {
        throw new IllegalArgumentException(
            "vote '"
                + name
                + "': voter '"
                + v.name()
                + "' has no model and the vote has no default model");
      }
    }
    String user = votePrompt();
    List<Pattern<?>> nested = new ArrayList<>();
    for (Voter v : voters) {
      Pattern<?> p = v.nested() == null ? null : v.nested().apply(user);
      if (v.nested() != null && p == null) {
        throw new IllegalArgumentException(
            "vote '" + name + "': voter '" + v.name() + "' made no pattern");
      }
      nested.add(p);
    }
    this.nestedPatterns = java.util.Collections.unmodifiableList(nested);
    if (ranked && choices.isEmpty()) {
      throw new IllegalArgumentException("vote '" + name + "': a ranked vote needs options");
    }
    if (aggregator instanceof Borda && choices.isEmpty()) {
      throw new IllegalArgumentException("vote '" + name + "': the Borda aggregator needs options");
    }
    if (adaptive.mode() == Adaptive.Mode.CANCEL && !(policy instanceof FailurePolicy.Ignore)) {
      throw new IllegalArgumentException(
          "vote '"
              + name
              + "': adaptive cancel works with the ignore failure policy; use adaptive waves:N with "
              + policy);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  public List<Voter> voters() {
    return voters;
  }

  public Choices choices() {
    return choices;
  }

  public Aggregator aggregator() {
    return aggregator;
  }

  @Override
  public VotingResult run(Engine engine) {
    return new VoteRun(this, engine).run();
  }

  /** The model voter {@code v} is asked. */
  ModelId modelOf(Voter v) {
    return v.model() != null ? v.model() : defaultModel;
  }

  /** What voter {@code i} asks, as reports name it: its model, or its nested pattern's name. */
  String askedOf(int i) {
    Pattern<?> p = nestedPatterns.get(i);
    return p != null ? p.name() : modelOf(voters.get(i)).toString();
  }

  /** The full text each voter receives as its user message. */
  public String votePrompt() {
    StringBuilder sb = new StringBuilder(prompt.strip()).append("\n\n");
    String opts = String.join(", ", choices.options());
    if (ranked) {
      sb.append("Rank all of these options from best to worst: ").append(opts).append("\n\n");
    } else if (!choices.isEmpty()) {
      sb.append("You must choose exactly one of these options: ").append(opts).append("\n\n");
    }
    String decision =
        choices.isEmpty() ? "<your answer>" : "<one of the options, exactly as written>";
    if (format == AnswerFormat.JSON) {
      sb.append("Reply with JSON only, in this form:\n{\"decision\": \"")
          .append(decision)
          .append('"');
      if (ranked) {
        sb.append(", \"ranking\": [\"<best option>\", \"...\", \"<worst option>\"]");
      }
      sb.append(
          ", \"confidence\": \"high|medium|low\", \"reasoning\": \"<one or two sentences>\"}");
    } else {
      sb.append("Respond in this format:\nDECISION: [")
          .append(decision, 1, decision.length() - 1)
          .append("]\n");
      if (ranked) {
        sb.append("RANKING: [best option] > [...] > [worst option]\n");
      }
      sb.append("CONFIDENCE: [high/medium/low]\nREASONING: [brief explanation]");
    }
    return sb.toString();
  }

  /**
   * One request per model voter, in voter order (a nested voter's pattern makes its own). Voters
   * sharing model, persona and temperature get sample indexes 0, 1, 2... so that their requests
   * differ in {@link ChatRequest#identity()}.
   */
  public List<ChatRequest> requests() {
    return requestsByVoter().stream().filter(Objects::nonNull).toList();
  }

  /** Per voter in order: its request, or null for a nested voter. */
  List<ChatRequest> requestsByVoter() {
    String user = votePrompt();
    List<ChatRequest> out = new ArrayList<>();
    Map<String, Integer> samples = new java.util.HashMap<>();
    for (Voter v : voters) {
      if (v.nested() != null) {
        out.add(null);
        continue;
      }
      String key = modelOf(v) + "\u0000" + v.system() + "\u0000" + v.temperature();
      int sample = samples.merge(key, 1, Integer::sum) - 1;
      ChatRequest.Builder b =
          ChatRequest.builder(modelOf(v))
              .system(v.system())
              .user(user)
              .maxTokens(maxTokens)
              .temperature(v.temperature())
              .sampleIndex(sample)
              .metadata("pattern", "vote")
              .metadata("vote", name)
              .metadata("voter", v.name());
      out.add(b.build());
    }
    return out;
  }

  /** Builds a {@link Voting}; not thread-safe. */
  public static final class Builder {
    private String name = "vote";
    private String prompt;
    private final List<String> options = new ArrayList<>();
    private SynonymTable synonyms = SynonymTable.defaults();
    private final List<Voter> voters = new ArrayList<>();
    private ModelId model;
    private int maxTokens = 1024;
    private Aggregator aggregator;
    private FailurePolicy policy = FailurePolicy.IGNORE;
    private Adaptive adaptive = Adaptive.OFF;
    private boolean ranked;
    private AnswerFormat format = AnswerFormat.JSON;
    private CallOptions callOptions = CallOptions.DEFAULT;
    private java.time.@Nullable Duration deadline;

    private Builder() {}

    /** The longest the whole vote may take (every voter's call included); none unless set. */
    public Builder deadline(java.time.Duration d) {
      this.deadline = Objects.requireNonNull(d, "deadline");
      return this;
    }

    /** No deadline for the whole vote (the default); each call keeps its own timeouts. */
    public Builder noDeadline() {
      this.deadline = null;
      return this;
    }

    public Builder name(String n) {
      this.name = Objects.requireNonNull(n, "name");
      return this;
    }

    public Builder prompt(String p) {
      this.prompt = Objects.requireNonNull(p, "prompt");
      return this;
    }

    public Builder options(String... opts) {
      return options(List.of(opts));
    }

    public Builder options(List<String> opts) {
      options.clear();
      options.addAll(opts);
      return this;
    }

    public Builder synonyms(SynonymTable table) {
      this.synonyms = Objects.requireNonNull(table, "synonyms");
      return this;
    }

    public Builder voter(Voter v) {
      voters.add(Objects.requireNonNull(v, "voter"));
      return this;
    }

    public Builder voters(List<Voter> vs) {
      vs.forEach(this::voter);
      return this;
    }

    /**
     * Self-consistency: {@code n} voters ({@code sample-1}...) sharing {@code model}, {@code
     * system} and {@code temperature}, which must be above 0 for the samples to differ.
     */
    public Builder samples(ModelId m, int n, double temperature, String system) {
      if (n < 1) {
        throw new IllegalArgumentException("self-consistency needs at least 1 sample, was " + n);
      }
      if (!(temperature > 0)) {
        throw new IllegalArgumentException(
            "self-consistency needs a temperature above 0, was " + temperature);
      }
      for (int i = 1; i <= n; i++) {
        voter(new Voter("sample-" + i, m, system, temperature, 1.0));
      }
      return this;
    }

    /** The model of voters that do not name one. */
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

    public Builder aggregator(Aggregator a) {
      this.aggregator = Objects.requireNonNull(a, "aggregator");
      return this;
    }

    public Builder policy(FailurePolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    public Builder adaptive(Adaptive a) {
      this.adaptive = Objects.requireNonNull(a, "adaptive");
      return this;
    }

    /** Asks voters to rank all options (for {@link Borda}). */
    public Builder ranked(boolean r) {
      this.ranked = r;
      return this;
    }

    public Builder format(AnswerFormat f) {
      this.format = Objects.requireNonNull(f, "format");
      return this;
    }

    public Builder callOptions(CallOptions o) {
      this.callOptions = Objects.requireNonNull(o, "callOptions");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the problem (no voters, duplicate names, a voter
     *     without a model, options equal once normalised...)
     */
    public Voting build() {
      return new Voting(this);
    }
  }
}
