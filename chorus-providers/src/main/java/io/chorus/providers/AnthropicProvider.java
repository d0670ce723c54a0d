package io.chorus.providers;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.StreamObserver;
import io.chorus.core.TimeSource;
import io.chorus.providers.internal.AnthropicWire;
import io.chorus.providers.internal.ChatClient;
import java.util.Objects;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;

/**
 * The Anthropic Messages API ({@code POST {base}/v1/messages}, {@code anthropic-version:
 * 2023-06-01}), blocking and streaming.
 *
 * <p>Sends the system prompt (as a text block with {@code cache_control: ephemeral} when {@link
 * ChatRequest#cacheSystemPrompt()}), messages, {@code max_tokens}, {@code temperature} and {@code
 * stop_sequences}. Streams are read as SSE ({@code message_start}, {@code content_block_*}, {@code
 * ping}, {@code message_delta} with cumulative usage, {@code message_stop}); an {@code error} event
 * after HTTP 200 becomes a {@link io.chorus.core.ProviderException} classified by its error type.
 * Thinking blocks become {@link ChatResponse#reasoning()} and {@link StreamObserver#onReasoning}.
 *
 * <p>Thread-safe. See {@link io.chorus.core.Provider} for the cancellation and timeout contract.
 *
 * {@snippet :
 * Provider claude = AnthropicProvider.builder().apiKey(Secret.of(System.getenv("ANTHROPIC_API_KEY"))).build();
 * ChatResponse r = claude.call(ChatRequest.of("anthropic:claude-sonnet-4-5", "hello"), CallContext.standalone(Duration.ofSeconds(60)));
 * }
 */
public final class AnthropicProvider implements Provider {
  /** Where the API lives unless {@code ANTHROPIC_BASE_URL} says otherwise. */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  /** The {@code anthropic-version} header sent. */
  public static final String API_VERSION = "2023-06-01";

  private final String name;
  private final String baseUrl;
  private final Secret apiKey;
  private final boolean synthetic;
  private final HttpTransport transport;
  private final boolean ownsTransport;
  private final ChatClient client;

  private AnthropicProvider(Builder b) {
    this.name = b.name;
    this.apiKey = b.apiKey;
    this.synthetic = b.synthetic;
    HttpUrl base = BaseUrl.parse(b.baseUrl, name + " base URL");
    this.baseUrl = BaseUrl.display(base);
    AnthropicWire wire =
        new AnthropicWire(base, apiKey == null ? null : apiKey.reveal(), API_VERSION, ProviderNames.USER_AGENT);
    this.ownsTransport = b.transport == null;
    this.transport = b.transport == null ? HttpTransport.create() : b.transport;
    UnaryOperator<String> scrub = apiKey == null ? UnaryOperator.identity() : apiKey::scrub;
    this.client = new ChatClient(transport.client(), transport.watchdog(), wire, b.time, scrub, synthetic);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean synthetic() {
    return synthetic;
  }

  @Override
  public ChatResponse call(ChatRequest request, CallContext context) throws InterruptedException {
    return client.call(request, context);
  }

  @Override
  public ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer)
      throws InterruptedException {
    return client.stream(request, context, Objects.requireNonNull(observer, "observer"));
  }

  /** The base URL requests go to (without credentials). */
  public String baseUrl() {
    return baseUrl;
  }

  /** Closes the transport when this provider created it. */
  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "AnthropicProvider[name=" + name + ", base=" + baseUrl + ", key=" + (apiKey == null ? "none" : apiKey)
        + (synthetic ? ", synthetic" : "") + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String name = "anthropic";
    private String baseUrl = DEFAULT_BASE_URL;
    private Secret apiKey;
    private HttpTransport transport;
    private TimeSource time = TimeSource.system();
    private boolean synthetic;

    private Builder() {}

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
