package io.chorus.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StreamObserver;
import io.chorus.langchain4j.internal.ModelCall;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Any LangChain4j {@link ChatModel} as a Chorus {@link Provider}: votes, sections, deliberations
 * and batches reach every provider LangChain4j supports (Gemini, Bedrock, Azure OpenAI, Mistral,
 * Ollama…) without a client of Chorus's own, under the engine's limits and policies.
 *
 * {@snippet :
 * ChatModel gemini = GoogleAiGeminiChatModel.builder().apiKey(key).modelName("gemini-2.5-flash").maxRetries(0).build();
 * Engine engine = Engine.builder()
 *     .provider(LangChain4jProvider.builder("gemini").model("gemini-2.5-flash", gemini).build())
 *     .limits("gemini", Limits.concurrency(8).withRequestsPerMinute(60))
 *     .build();
 * engine.call(ChatRequest.of("gemini:gemini-2.5-flash", "Hello"));
 * }
 *
 * <h2>Models</h2>
 *
 * A request for {@code NAME:MODEL} goes to the model registered for {@code MODEL} with {@link
 * Builder#model}, else to the {@link Builder#chatModel default model} with {@code MODEL} as the
 * request's {@code modelName} (LangChain4j's own clients send it instead of the name they were
 * built with). A model name neither knows fails as {@link ProviderError.NotFound}.
 *
 * <h2>Errors</h2>
 *
 * LangChain4j's exceptions map onto Chorus's classes: {@code RateLimitException} to {@link
 * ProviderError.RateLimited} (or {@link ProviderError.QuotaExhausted} when the message says quota),
 * {@code AuthenticationException} to {@link ProviderError.Authentication} (403: {@link
 * ProviderError.PermissionDenied}), {@code ModelNotFoundException} to {@link
 * ProviderError.NotFound}, {@code ContentFilteredException} to {@link
 * ProviderError.ContentFiltered}, {@code InvalidRequestException} to {@link
 * ProviderError.InvalidRequest} (or {@link ProviderError.ContextTooLong}), {@code TimeoutException}
 * to {@link ProviderError.Timeout}, {@code InternalServerException} to {@link
 * ProviderError.ServerError} (503 and 529: {@link ProviderError.Overloaded}); other exceptions by
 * the HTTP status of their cause, then by an I/O cause ({@link ProviderError.ConnectionFailed}),
 * else {@link ProviderError.MalformedResponse}.
 *
 * <p><b>What is lost</b>: LangChain4j's exceptions keep the HTTP status but none of the response's
 * headers, so {@code retry-after}, {@code x-should-retry}, the request id and the rate-limit
 * headers never reach the engine: a rate limit is retried on the engine's own backoff, the shared
 * buckets are not paused for the provider's retry-after and cannot adapt to the provider's
 * remaining counts, so set {@link io.chorus.core.Limits} for such a provider. The scope of a rate
 * limit (requests or tokens) is unknown; quota and context-length errors are told apart by their
 * message only. Cache token counts are not reported (LangChain4j's {@code TokenUsage} has none).
 *
 * <p>Build the LangChain4j models with their own retries off ({@code maxRetries(0)}), or every
 * engine retry multiplies theirs.
 *
 * <h2>Cancellation and timeouts</h2>
 *
 * Each call runs the LangChain4j model on a virtual thread of its own and waits for it at most the
 * attempt timeout; when that passes or the engine cancels the call, the wait ends at once ({@link
 * ProviderError.Timeout}, or {@link InterruptedException}) and the model's thread is interrupted.
 * LangChain4j's clients may not abort their HTTP exchange on interrupt: that request then runs on
 * until the model's own timeout, unseen (its answer, if any, is dropped, and the provider may bill
 * it).
 *
 * <p>Streaming uses the {@link StreamingChatModel} registered beside the model when there is one;
 * otherwise the whole answer is delivered as one delta.
 *
 * <p>Thread-safe when the LangChain4j models are (theirs are). {@link #close()} does nothing: the
 * models belong to the caller.
 */
public final class LangChain4jProvider implements Provider {

  private final String name;
  private final @Nullable ChatModel fallbackModel;
  private final @Nullable StreamingChatModel fallbackStreaming;
  private final Map<String, ChatModel> models;
  private final Map<String, StreamingChatModel> streaming;
  private final boolean synthetic;

  private LangChain4jProvider(Builder b) {
    this.name = b.name;
    this.fallbackModel = b.chatModel;
    this.fallbackStreaming = b.streamingChatModel;
    this.models = Map.copyOf(b.models);
    this.streaming = Map.copyOf(b.streaming);
    this.synthetic = b.synthetic;
    if (fallbackModel == null && models.isEmpty()) {
      throw new IllegalArgumentException(
          "LangChain4jProvider " + name + ": no model (set chatModel or model(name, chatModel))");
    }
  }

  /** A builder for a provider named {@code name} (the part before the colon of its model ids). */
  public static Builder builder(String name) {
    return new Builder(name);
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
    String model = request.model().model();
    ChatModel chat = models.get(model);
    if (chat != null) {
      return ModelCall.chat(chat, request, null, context);
    }
    if (fallbackModel != null) {
      return ModelCall.chat(fallbackModel, request, model, context);
    }
    throw notFound(request);
  }

  @Override
  public ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer)
      throws InterruptedException {
    String model = request.model().model();
    StreamingChatModel s = streaming.get(model);
    if (s != null) {
      return ModelCall.stream(s, request, null, context, observer);
    }
    if (!models.containsKey(model) && fallbackStreaming != null) {
      return ModelCall.stream(fallbackStreaming, request, model, context, observer);
    }
    ChatResponse whole = call(request, context);
    if (!whole.text().isEmpty()) {
      observer.onText(whole.text());
    }
    return whole;
  }

  private ProviderException notFound(ChatRequest request) {
    return new ProviderException(
        new ProviderError.NotFound(
            "no LangChain4j model for "
                + request.model()
                + " (known: "
                + String.join(", ", models.keySet())
                + ")",
            0));
  }

  @Override
  public String toString() {
    return "LangChain4jProvider[" + name + ", models=" + models.keySet() + "]";
  }

  /** Builds a {@link LangChain4jProvider}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private @Nullable ChatModel chatModel;
    private @Nullable StreamingChatModel streamingChatModel;
    private final Map<String, ChatModel> models = new LinkedHashMap<>();
    private final Map<String, StreamingChatModel> streaming = new LinkedHashMap<>();
    private boolean synthetic;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.contains(":")) {
        throw new IllegalArgumentException(
            "LangChain4jProvider: name must be a provider name without ':', was '" + name + "'");
      }
      this.name = name.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** The model for {@code modelName}. */
    public Builder model(String modelName, ChatModel model) {
      models.put(modelName, Objects.requireNonNull(model, "model"));
      return this;
    }

    /** The model for {@code modelName}, and its streaming twin for streaming calls. */
    public Builder model(String modelName, ChatModel model, StreamingChatModel streamingModel) {
      model(modelName, model);
      streaming.put(modelName, Objects.requireNonNull(streamingModel, "streamingModel"));
      return this;
    }

    /**
     * The model for every name not registered with {@link #model}; the request's model name is sent
     * as its {@code modelName}.
     */
    public Builder chatModel(ChatModel model) {
      this.chatModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The streaming model for names not registered with {@link #model}. */
    public Builder streamingChatModel(StreamingChatModel model) {
      this.streamingChatModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /** Whether the models' answers are synthetic (a simulator); reports label them. */
    public Builder synthetic(boolean value) {
      this.synthetic = value;
      return this;
    }

    public LangChain4jProvider build() {
      return new LangChain4jProvider(this);
    }
  }
}
