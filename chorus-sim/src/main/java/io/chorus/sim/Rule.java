package io.chorus.sim;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A scripted answer: when a request matches every given condition, it is answered with fixed text
 * or as a {@linkplain VoteSpec voter}. Rules are tried in the order they were added; the first
 * match wins; unmatched requests get deterministic pseudo-sentences. Immutable.
 *
 * @param model the model name, or null for any
 * @param systemContains a substring of the system prompt, or null
 * @param userContains a substring of the user messages (joined by newlines), or null
 * @param userRegex a pattern found ({@link java.util.regex.Matcher#find()}) in the user messages,
 *     or null
 * @param text the fixed answer, or null when {@code vote} is set
 * @param vote the voting behaviour, or null when {@code text} is set
 */
public record Rule(
    @Nullable String model,
    @Nullable String systemContains,
    @Nullable String userContains,
    @Nullable Pattern userRegex,
    @Nullable String text,
    @Nullable VoteSpec vote) {

  public Rule {
    if ((text == null) == (vote == null)) {
      throw new IllegalArgumentException("rule: give exactly one of text or vote");
    }
  }

  /** Whether this rule applies. */
  public boolean matches(String modelName, String system, String user) {
    return (model == null || model.equals(modelName))
        && (systemContains == null || (system != null && system.contains(systemContains)))
        && (userContains == null || (user != null && user.contains(userContains)))
        && (userRegex == null || (user != null && userRegex.matcher(user).find()));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Rule}; finish with {@link #text(String)} or {@link #vote(VoteSpec)}. */
  public static final class Builder {
    private String model;
    private String systemContains;
    private String userContains;
    private Pattern userRegex;

    private Builder() {}

    public Builder model(String name) {
      this.model = Objects.requireNonNull(name, "model");
      return this;
    }

    public Builder systemContains(String substring) {
      this.systemContains = Objects.requireNonNull(substring, "systemContains");
      return this;
    }

    public Builder userContains(String substring) {
      this.userContains = Objects.requireNonNull(substring, "userContains");
      return this;
    }

    /**
     * @throws java.util.regex.PatternSyntaxException for a bad pattern
     */
    public Builder userRegex(String regex) {
      this.userRegex = Pattern.compile(regex);
      return this;
    }

    /** The rule answering with fixed text. */
    public Rule text(String answer) {
      return new Rule(
          model,
          systemContains,
          userContains,
          userRegex,
          Objects.requireNonNull(answer, "text"),
          null);
    }

    /** The rule answering as a voter. */
    public Rule vote(VoteSpec spec) {
      return new Rule(
          model,
          systemContains,
          userContains,
          userRegex,
          null,
          Objects.requireNonNull(spec, "vote"));
    }
  }
}
