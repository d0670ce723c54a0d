package io.chorus.providers;

import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.StreamObserver;
import io.chorus.core.TimeSource;
import io.chorus.providers.internal.AnthropicWire;
import java.util.Objects;

/**
 * The Anthropic Messages API ({@code POST {base}/v1/messages}, {@code anthropic-version:
 * 2023-06-01}), blocking and streaming.
 *
 * <p>Sends the system prompt (as a text block with {@code cache_control: ephemeral} when {@link
 * ChatRequest#cacheSystemPrompt()}), messages (the part holding the end of a {@link
 * ChatRequest#sharedPrefix()} split into two text blocks, the first with {@code cache_control}),
 * {@code max_tokens}, {@code temperature} and {@code stop_sequences}. Streams are read as SSE
 * ({@code message_start}, {@code content_block_*}, {@code ping}, {@code message_delta} with
 * cumulative usage, {@code message_stop}); an {@code error} event after HTTP 200 becomes a {@link
 * io.chorus.core.ProviderException} classified by its error type. Thinking blocks become {@link
 * ChatResponse#reasoning()} and {@link StreamObserver#onReasoning}.
 *
 * <p>Thread-safe. See {@link io.chorus.core.Provider} for the cancellation and timeout contract.
 *
 * {@snippet :
 * Provider claude = AnthropicProvider.builder().apiKey(Secret.of(System.getenv("ANTHROPIC_API_KEY"))).build();
 * ChatResponse r = claude.call(ChatRequest.of("anthropic:claude-sonnet-4-5", "hello"), CallContext.standalone(Duration.ofSeconds(60)));
 * }
 */
public final class AnthropicProvider extends HttpProvider implements Provider {
  /** Where the API lives unless {@code ANTHROPIC_BASE_URL} says otherwise. */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  /** The {@code anthropic-version} header sent. */
  public static final String API_VERSION = "2023-06-01";

  private AnthropicProvider(Builder b) {
    super(b, (base, key) -> new AnthropicWire(base, key, API_VERSION, ProviderNames.USER_AGENT));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder extends HttpProviderBuilder {
    private Builder() {
      super("anthropic", DEFAULT_BASE_URL);
    }

    /** The provider name in model ids; default {@code anthropic}. */
    public Builder name(String name) {
      this.name = ProviderNames.check(name);
      return this;
    }

    /** The API root without {@code /v1}; default {@value #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The key sent as {@code x-api-key}; without one no key is sent (fine for the simulator). */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** A shared transport (not closed by the provider); default a transport of its own. */
    public Builder transport(HttpTransport transport) {
      this.transport = transport;
      return this;
    }

    /** The clock for latency and rate-limit resets; default the system clock. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Marks answers as synthetic (the simulator). */
    public Builder synthetic(boolean synthetic) {
      this.synthetic = synthetic;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public AnthropicProvider build() {
      return new AnthropicProvider(this);
    }
  }
}
