package io.chorus.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A scripted voter: for a prompt that lists options, answer the {@code correct} option with a given
 * probability, otherwise a uniformly random other option. Immutable; build with {@link #builder()}.
 *
 * <p>Options come from {@code options} when configured, otherwise from the prompt line {@code You
 * must choose exactly one of these options: a, b, c} (or {@code Options: a, b, c}). The probability
 * is the first of: a persona whose key is a substring of the system prompt, the model's entry,
 * {@code accuracy}. The random draw is seeded by the simulator seed and a hash of the request body,
 * so identical requests get identical answers and requests that differ in any byte (a trial number,
 * a sample index) are independent.
 *
 * <p>Confidence is drawn too: a correct answer is high/medium/low with probability 0.6/0.3/0.1, a
 * wrong one with 0.2/0.4/0.4, so confidence carries (imperfect) signal.
 *
 * @param correct the correct option; null means the first option
 * @param options the options, or empty to read them from the prompt
 * @param accuracy the default probability of answering correctly
 * @param accuracyByModel probability per model name
 * @param accuracyByPersona probability per system-prompt substring (checked in insertion order)
 * @param json answer as {@code {"decision","confidence","reasoning"}} instead of DECISION lines
 */
public record VoteSpec(
    @Nullable String correct,
    List<String> options,
    double accuracy,
    Map<String, Double> accuracyByModel,
    Map<String, Double> accuracyByPersona,
    boolean json) {

  public VoteSpec {
    options = List.copyOf(options);
    accuracyByModel = Map.copyOf(accuracyByModel);
    accuracyByPersona =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accuracyByPersona));
    check("accuracy", accuracy);
    accuracyByModel.forEach((k, v) -> check("accuracyByModel." + k, v));
    accuracyByPersona.forEach((k, v) -> check("accuracyByPersona." + k, v));
    if (correct != null && !options.isEmpty() && !options.contains(correct)) {
      throw new IllegalArgumentException(
          "vote: correct option '" + correct + "' is not among the options " + options);
    }
  }

  private static void check(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "vote: " + name + " must be a probability in [0, 1], was " + p);
    }
  }

  /** The probability of a correct answer for this model and system prompt. */
  public double accuracyFor(String model, String systemPrompt) {
    for (Map.Entry<String, Double> e : accuracyByPersona.entrySet()) {
      if (systemPrompt != null && systemPrompt.contains(e.getKey())) {
        return e.getValue();
      }
    }
    Double byModel = accuracyByModel.get(model);
    return byModel != null ? byModel : accuracy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link VoteSpec}. Not thread-safe. */
  public static final class Builder {
    private String correct;
    private List<String> options = List.of();
    private double accuracy = 0.7;
    private final Map<String, Double> byModel = new LinkedHashMap<>();
    private final Map<String, Double> byPersona = new LinkedHashMap<>();
    private boolean json;

    private Builder() {}

    public Builder correct(String option) {
      this.correct = Objects.requireNonNull(option, "correct");
      return this;
    }

    public Builder options(List<String> values) {
      this.options = List.copyOf(values);
      return this;
    }

    public Builder options(String... values) {
      return options(List.of(values));
    }

    /** Default probability of a correct answer (0.7 unless set). */
    public Builder accuracy(double p) {
      this.accuracy = p;
      return this;
    }

    public Builder accuracyForModel(String model, double p) {
      byModel.put(model, p);
      return this;
    }

    /** Probability when the system prompt contains {@code systemPromptSubstring}. */
    public Builder accuracyForPersona(String systemPromptSubstring, double p) {
      byPersona.put(systemPromptSubstring, p);
      return this;
    }

    public Builder json(boolean value) {
      this.json = value;
      return this;
    }

    public VoteSpec build() {
      return new VoteSpec(correct, options, accuracy, byModel, byPersona, json);
    }
  }
}
