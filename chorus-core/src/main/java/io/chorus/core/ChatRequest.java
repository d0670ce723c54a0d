package io.chorus.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One chat call: which model, what to say, and how to sample.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(ModelId)} or {@link #of(String,
 * String)}.
 *
 * @param model the model, as {@code provider:model}
 * @param system the system prompt, or null for none
 * @param messages the conversation, at least one message, ending with a user message
 * @param maxTokens the most output tokens to produce, positive
 * @param temperature sampling temperature in [0, 2], or null for the provider's default
 * @param stopSequences sequences that end the answer, possibly empty
 * @param metadata free-form labels (pattern, voter, section...) carried to listeners and reports;
 *     not sent to the provider and not part of {@link #identity()}
 * @param sampleIndex which sample of an otherwise identical request this is; part of {@link
 *     #identity()} so that self-consistency samples are never collapsed into one cached answer
 * @param cacheSystemPrompt ask the provider to cache the system prompt (Anthropic {@code
 *     cache_control}); ignored by providers without prompt caching
 * @param sharedPrefix the start of the prompt that other calls of its fan-out share, to be cached
 *     once and read by the others ({@link SharedPrefix#mark} sets it), or null; not part of {@link
 *     #identity()}, since it does not change the answer
 */
public record ChatRequest(
    ModelId model,
    @Nullable String system,
    List<Message> messages,
    int maxTokens,
    @Nullable Double temperature,
    List<String> stopSequences,
    Map<String, String> metadata,
    int sampleIndex,
    boolean cacheSystemPrompt,
    @Nullable SharedPrefix sharedPrefix) {

  /** The default for {@link #maxTokens()} when a builder does not set it. */
  public static final int DEFAULT_MAX_TOKENS = 1024;

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("chat request: messages must not be empty");
    }
    if (maxTokens <= 0) {
      throw new IllegalArgumentException(
          "chat request: maxTokens must be positive, was " + maxTokens);
    }
    if (temperature != null && (temperature < 0 || temperature > 2 || temperature.isNaN())) {
      throw new IllegalArgumentException(
          "chat request: temperature must be in [0, 2], was " + temperature);
    }
    if (sampleIndex < 0) {
      throw new IllegalArgumentException("chat request: sampleIndex must not be negative");
    }
    stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** A single user message to {@code model} (written {@code provider:model}). */
  public static ChatRequest of(String model, String userMessage) {
    return builder(ModelId.parse(model)).user(userMessage).build();
  }

  public static Builder builder(ModelId model) {
    return new Builder(model);
  }

  public static Builder builder(String model) {
    return new Builder(ModelId.parse(model));
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder(model);
    b.system = system;
    b.messages.addAll(messages);
    b.maxTokens = maxTokens;
    b.temperature = temperature;
    b.stopSequences.addAll(stopSequences);
    b.metadata.putAll(metadata);
    b.sampleIndex = sampleIndex;
    b.cacheSystemPrompt = cacheSystemPrompt;
    b.sharedPrefix = sharedPrefix;
    return b;
  }

  /** The same request sent to another model (used by fallback chains and hedges). */
  public ChatRequest withModel(ModelId other) {
    return toBuilder().model(other).build();
  }

  /** The text of the last user message. */
  public String lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /**
   * A stable hex SHA-256 of everything that determines the answer: model, system, messages, max
   * tokens, temperature, stop sequences, sample index and prompt caching. Metadata and the {@link
   * #sharedPrefix()} are excluded. Caches and batch journals key responses by it.
   */
  public String identity() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      StringBuilder sb = new StringBuilder(256);
      field(sb, "model", model.toString());
      field(sb, "system", system == null ? "\u0000" : system);
      for (Message m : messages) {
        field(sb, m.role().wireName(), m.content());
      }
      field(sb, "max", Integer.toString(maxTokens));
      field(sb, "temp", temperature == null ? "\u0000" : temperature.toString());
      for (String s : stopSequences) {
        field(sb, "stop", s);
      }
      field(sb, "sample", Integer.toString(sampleIndex));
      field(sb, "cache", Boolean.toString(cacheSystemPrompt));
      return HexFormat.of()
          .formatHex(digest.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static void field(StringBuilder sb, String name, String value) {
    // length-prefixed so that no two different requests produce the same text
    sb.append(name).append(':').append(value.length()).append(':').append(value).append('\n');
  }

  /** Estimated input tokens: {@link TokenEstimate} over the system prompt and messages. */
  public long estimatedInputTokens() {
    long chars = system == null ? 0 : system.length();
    for (Message m : messages) {
      chars += m.content().length() + 4;
    }
    return TokenEstimate.ofChars(chars);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private ModelId model;
    private String system;
    private final List<Message> messages = new ArrayList<>();
    private int maxTokens = DEFAULT_MAX_TOKENS;
    private Double temperature;
    private final List<String> stopSequences = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int sampleIndex;
    private boolean cacheSystemPrompt;
    private @Nullable SharedPrefix sharedPrefix;

    private Builder(ModelId model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    public Builder model(ModelId model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    public Builder system(String system) {
      this.system = system;
      return this;
    }

    public Builder user(String content) {
      messages.add(Message.user(content));
      return this;
    }

    public Builder assistant(String content) {
      messages.add(Message.assistant(content));
      return this;
    }

    public Builder message(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    public Builder messages(List<Message> all) {
      messages.clear();
      messages.addAll(all);
      return this;
    }

    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    public Builder temperature(Double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder stopSequences(List<String> stops) {
      stopSequences.clear();
      stopSequences.addAll(stops);
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    public Builder metadata(Map<String, String> all) {
      metadata.putAll(all);
      return this;
    }

    public Builder sampleIndex(int sampleIndex) {
      this.sampleIndex = sampleIndex;
      return this;
    }

    public Builder cacheSystemPrompt(boolean cache) {
      this.cacheSystemPrompt = cache;
      return this;
    }

    /** The prefix shared with other calls of the fan-out ({@link SharedPrefix}), or null. */
    public Builder sharedPrefix(@Nullable SharedPrefix prefix) {
      this.sharedPrefix = prefix;
      return this;
    }

    public ChatRequest build() {
      return new ChatRequest(
          model,
          system,
          messages,
          maxTokens,
          temperature,
          stopSequences,
          new TreeMap<>(metadata),
          sampleIndex,
          cacheSystemPrompt,
          sharedPrefix);
    }
  }
}
