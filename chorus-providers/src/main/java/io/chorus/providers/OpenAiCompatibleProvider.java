package io.chorus.providers;

import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.StreamObserver;
import io.chorus.core.TimeSource;
import io.chorus.providers.internal.OpenAiWire;
import java.util.Objects;

/**
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}, Bearer auth), blocking and
 * streaming, for every server that speaks it: OpenAI ({@code https://api.openai.com/v1}), xAI
 * ({@code https://api.x.ai/v1}), Ollama ({@code http://localhost:11434/v1}), vLLM and llama.cpp
 * server.
 *
 * <p>Streams ask for {@code stream_options.include_usage} and read SSE {@code data:} chunks up to
 * {@code [DONE]}, taking usage from the final chunk with empty choices; an error object inside the
 * stream becomes a {@link io.chorus.core.ProviderException}. {@code reasoning_content} (xAI) or
 * {@code reasoning} (vLLM, Ollama) goes to {@link StreamObserver#onReasoning} and {@link
 * ChatResponse#reasoning()}; completion tokens are taken as reported (xAI excludes reasoning
 * tokens). The token limit is sent as {@code max_completion_tokens} (OpenAI's current name, needed
 * by its reasoning models) or {@code max_tokens} (what compatible servers expect), see {@link
 * Builder#maxCompletionTokensField(boolean)}.
 *
 * <p>Thread-safe. See {@link io.chorus.core.Provider} for the cancellation and timeout contract.
 *
 * {@snippet :
 * Provider grok = OpenAiCompatibleProvider.builder().name("xai").baseUrl("https://api.x.ai/v1")
 *     .apiKey(Secret.of(System.getenv("XAI_API_KEY"))).build();
 * }
 */
public final class OpenAiCompatibleProvider extends HttpProvider implements Provider {
  /** OpenAI's API root. */
  public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

  /** xAI's API root. */
  public static final String XAI_BASE_URL = "https://api.x.ai/v1";

  private OpenAiCompatibleProvider(Builder b) {
    super(b, (base, key) -> new OpenAiWire(base, key, tokensField(b), ProviderNames.USER_AGENT));
  }

  private static String tokensField(Builder b) {
    boolean completionField =
        b.maxCompletionTokens != null ? b.maxCompletionTokens : b.name.equals("openai");
    return completionField ? "max_completion_tokens" : "max_tokens";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder extends HttpProviderBuilder {
    private Boolean maxCompletionTokens;

    private Builder() {
      super("openai", OPENAI_BASE_URL);
    }

    /** The provider name in model ids; default {@code openai}. */
    public Builder name(String name) {
      this.name = ProviderNames.check(name);
      return this;
    }

    /** The API root including {@code /v1}; default {@value #OPENAI_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The Bearer token; without one no Authorization header is sent (local servers). */
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
     * Send the token limit as {@code max_completion_tokens} (true) or {@code max_tokens} (false).
     * Default: true for a provider named {@code openai}, false otherwise.
     */
    public Builder maxCompletionTokensField(boolean useCompletionField) {
      this.maxCompletionTokens = useCompletionField;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public OpenAiCompatibleProvider build() {
      return new OpenAiCompatibleProvider(this);
    }
  }
}
