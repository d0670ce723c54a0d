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
 * @param tools the tools the model may call, possibly empty (names unique)
 * @param toolChoice whether and which tool the model must call ({@link ToolChoice#AUTO} by default;
 *     a named tool must be among {@code tools})
 * @param responseFormat the shape of the answer's text ({@link ResponseFormat#TEXT} by default)
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
    @Nullable SharedPrefix sharedPrefix,
    List<Tool> tools,
    ToolChoice toolChoice,
    ResponseFormat responseFormat) {

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
    tools = tools == null ? List.of() : List.copyOf(tools);
    toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
    responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Tool t : tools) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("chat request: tool " + t.name() + " is given twice");
      }
    }
    if (toolChoice.mode() == ToolChoice.Mode.TOOL && !names.contains(toolChoice.toolName())) {
      throw new IllegalArgumentException(
          "chat request: toolChoice names "
              + toolChoice.toolName()
              + ", which is not among the tools");
    }
    if (toolChoice.mode() == ToolChoice.Mode.REQUIRED && tools.isEmpty()) {
      throw new IllegalArgumentException("chat request: toolChoice REQUIRED with no tools");
    }
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
    b.tools.addAll(tools);
    b.toolChoice = toolChoice;
    b.responseFormat = responseFormat;
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
   * tokens, temperature, stop sequences, sample index, prompt caching, and the tools, tool choice
   * and response format when they are not the defaults (so a request without them keeps the
   * identity it had before they existed). Metadata and the {@link #sharedPrefix()} are excluded.
   * Caches and batch journals key responses by it.
   */
  public String identity() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      StringBuilder sb = new StringBuilder(256);
      field(sb, "model", model.toString());
      field(sb, "system", system == null ? "\u0000" : system);
      for (Message m : messages) {
        field(sb, m.role().wireName(), m.content());
        for (ToolCall c : m.toolCalls()) {
          field(sb, "call", c.id() + "\u0000" + c.name() + "\u0000" + c.argumentsJson());
        }
        if (m.toolCallId() != null) {
          field(sb, "result-of", m.toolCallId());
        }
      }
      field(sb, "max", Integer.toString(maxTokens));
      field(sb, "temp", temperature == null ? "\u0000" : temperature.toString());
      for (String s : stopSequences) {
        field(sb, "stop", s);
      }
      field(sb, "sample", Integer.toString(sampleIndex));
      field(sb, "cache", Boolean.toString(cacheSystemPrompt));
      for (Tool t : tools) {
        field(sb, "tool", t.name() + "\u0000" + t.description() + "\u0000" + t.parametersJson());
      }
      if (toolChoice.mode() != ToolChoice.Mode.AUTO) {
        field(sb, "choice", toolChoice.mode() + "\u0000" + toolChoice.toolName());
      }
      if (responseFormat.type() != ResponseFormat.Type.TEXT) {
        field(
            sb,
            "format",
            responseFormat.type()
                + "\u0000"
                + responseFormat.name()
                + "\u0000"
                + responseFormat.schemaJson());
      }
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

  /**
   * Estimated input tokens: {@link TokenEstimate} over the system prompt, messages, tool calls and
   * tool definitions.
   */
  public long estimatedInputTokens() {
    long chars = system == null ? 0 : system.length();
    for (Message m : messages) {
      chars += m.content().length() + 4;
      for (ToolCall c : m.toolCalls()) {
        chars += c.name().length() + c.argumentsJson().length() + 8;
      }
    }
    for (Tool t : tools) {
      chars += t.name().length() + t.description().length() + t.parametersJson().length() + 8;
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
    private final List<Tool> tools = new ArrayList<>();
    private ToolChoice toolChoice = ToolChoice.AUTO;
    private ResponseFormat responseFormat = ResponseFormat.TEXT;

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

    /** Adds a tool the model may call. */
    public Builder tool(Tool tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /** The tools the model may call, replacing any added before. */
    public Builder tools(List<Tool> all) {
      tools.clear();
      tools.addAll(all);
      return this;
    }

    /** Whether and which tool the model must call ({@link ToolChoice#AUTO} by default). */
    public Builder toolChoice(ToolChoice choice) {
      this.toolChoice = Objects.requireNonNull(choice, "toolChoice");
      return this;
    }

    /** The shape of the answer ({@link ResponseFormat#TEXT} by default). */
    public Builder responseFormat(ResponseFormat format) {
      this.responseFormat = Objects.requireNonNull(format, "responseFormat");
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
          sharedPrefix,
          tools,
          toolChoice,
          responseFormat);
    }
  }
}
