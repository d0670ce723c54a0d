package io.chorus.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.chorus.core.CallOptions;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.StreamObserver;
import io.chorus.langchain4j.internal.Conversions;
import io.chorus.langchain4j.internal.Errors;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Chorus {@link Engine} as a LangChain4j {@link ChatModel}, and through {@link #streaming()} as a
 * {@link StreamingChatModel}: every call goes through the engine's policies (the response cache,
 * circuit breakers, concurrency and token-aware rate limits shared with every other caller of the
 * engine, retries honouring the provider's retry-after, fallback chains and hedging), so an
 * application built on LangChain4j (AI services, agents, RAG) gets them by changing one bean.
 *
 * {@snippet :
 * Engine engine = ConfiguredEngine.open(loaded, models, List.of(), b -> {}).engine();
 * ChorusChatModel model = ChorusChatModel.builder(engine).model("openai:gpt-4o-mini").build();
 * Assistant assistant = AiServices.create(Assistant.class, model);
 * StreamingAssistant streaming = AiServices.create(StreamingAssistant.class, model.streaming());
 * }
 *
 * <h2>Requests</h2>
 *
 * System messages become the Chorus system prompt (joined by blank lines, in order); user and AI
 * messages the conversation. The request's {@code modelName}, when set, picks the model: {@code
 * provider:model} as written, or a bare name on the provider of {@link Builder#model}. {@code
 * maxOutputTokens}, {@code temperature} and {@code stopSequences} pass through; the defaults of
 * {@link Builder#defaultRequestParameters} fill what a request leaves unset. Tool specifications,
 * the tool choice, AI messages with tool execution requests and tool execution results pass through
 * to the provider's tool calls (so AI services with {@code @Tool} methods work), and so does a JSON
 * response format, with its schema or without ({@link #supportedCapabilities()} says {@code
 * RESPONSE_FORMAT_JSON_SCHEMA}, so AI services returning a structured type send a schema). What
 * Chorus's request cannot carry is refused before anything is sent, with LangChain4j's {@link
 * dev.langchain4j.exception.UnsupportedFeatureException} naming it: non-text user content (images,
 * audio, PDF), {@code topP}, {@code topK}, frequency and presence penalties.
 *
 * <h2>Responses</h2>
 *
 * The answer text (and reasoning text, as {@code thinking}), the tool calls as tool execution
 * requests (finish reason {@code TOOL_EXECUTION}), the finish reason, the token usage (input counts
 * cache reads and writes too, as LangChain4j's single input count expects), the provider's request
 * id and the model that actually answered ({@code provider:model}: it differs from the requested
 * one when a fallback answered).
 *
 * <h2>Failures</h2>
 *
 * A call that failed for good after the engine's retries and fallbacks is thrown as the LangChain4j
 * exception its users catch: {@link dev.langchain4j.exception.RateLimitException} (rate limited,
 * quota exhausted, an open circuit breaker), {@link
 * dev.langchain4j.exception.AuthenticationException} (401, 403), {@link
 * dev.langchain4j.exception.ModelNotFoundException} (404), {@link
 * dev.langchain4j.exception.ContentFilteredException}, {@link
 * dev.langchain4j.exception.InvalidRequestException} (400, context too long), {@link
 * dev.langchain4j.exception.TimeoutException} (an attempt timeout or the call's deadline), {@link
 * dev.langchain4j.exception.InternalServerException} (5xx, overloaded, malformed responses, broken
 * connections) and {@link dev.langchain4j.exception.LangChain4jException} for a cancelled call. The
 * cause is Chorus's {@link io.chorus.core.ProviderException} when there was one, so its {@link
 * io.chorus.core.ProviderError} stays reachable. For streams the same exception goes to {@link
 * StreamingChatResponseHandler#onError}.
 *
 * <h2>Streaming</h2>
 *
 * {@link #chat(ChatRequest, StreamingChatResponseHandler)} calls the engine with streaming on, on a
 * virtual thread of its own, and returns at once; text deltas reach {@link
 * StreamingChatResponseHandler#onPartialResponse(String)} in order, then exactly one of {@code
 * onCompleteResponse} or {@code onError}. When an attempt fails mid-stream and the engine retries
 * or falls back, the text already delivered is void (LangChain4j has no event for that; the final
 * response holds only the successful attempt's text). An exception thrown by the handler ends the
 * call (Chorus's {@code caller_error}, never retried).
 *
 * <p>Thread-safe and immutable; it owns nothing: closing the engine is the caller's business.
 */
public final class ChorusChatModel implements ChatModel {

  private final Engine engine;
  private final ModelId model;
  private final CallOptions options;
  private final ChatRequestParameters defaults;
  private final List<ChatModelListener> listeners;
  private final Streaming streaming;

  private ChorusChatModel(Builder b) {
    this.engine = b.engine;
    this.model = Objects.requireNonNull(b.model, "ChorusChatModel: model is not set");
    CallOptions o = b.options;
    this.options =
        new CallOptions(
            o.priority(),
            false,
            null,
            o.timeouts(),
            o.retry(),
            o.hedge(),
            o.fallback(),
            o.useCache());
    this.defaults = b.defaults;
    this.listeners = List.copyOf(b.listeners);
    this.streaming = new Streaming();
  }

  /** The streaming face: a separate object, so that {@code AiServices.create} is not ambiguous. */
  private final class Streaming implements StreamingChatModel {
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      stream(request, handler);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
      return defaults;
    }

    @Override
    public List<ChatModelListener> listeners() {
      return listeners;
    }

    @Override
    public ModelProvider provider() {
      return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
      return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Override
    public String toString() {
      return "ChorusChatModel[" + model + ", streaming]";
    }
  }

  /** A builder for a model over {@code engine}. */
  public static Builder builder(Engine engine) {
    return new Builder(engine);
  }

  /** The model calls go to when a request names none. */
  public ModelId model() {
    return model;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    io.chorus.core.ChatRequest chorus = Conversions.toChorus(request, model);
    Outcome<io.chorus.core.ChatResponse> outcome = engine.call(chorus, options);
    if (outcome instanceof Outcome.Success<io.chorus.core.ChatResponse> s) {
      return Conversions.toLangChain4j(s.value());
    }
    throw Errors.toLangChain4j(outcome);
  }

  /**
   * This model as a LangChain4j {@link StreamingChatModel}: the same engine, model, options and
   * defaults, answering through {@link StreamingChatResponseHandler} (see "Streaming" above).
   */
  public StreamingChatModel streaming() {
    return streaming;
  }

  private void stream(ChatRequest request, StreamingChatResponseHandler handler) {
    io.chorus.core.ChatRequest chorus;
    try {
      chorus = Conversions.toChorus(request, model);
    } catch (RuntimeException e) {
      handler.onError(e);
      return;
    }
    // the engine's streaming call blocks its caller: LangChain4j's contract is to return at once
    Thread.ofVirtual()
        .name("chorus-langchain4j-stream")
        .start(
            () -> {
              StreamObserver observer = handler::onPartialResponse;
              Outcome<io.chorus.core.ChatResponse> outcome =
                  engine.call(chorus, options.streaming(observer));
              if (outcome instanceof Outcome.Success<io.chorus.core.ChatResponse> s) {
                handler.onCompleteResponse(Conversions.toLangChain4j(s.value()));
              } else {
                handler.onError(Errors.toLangChain4j(outcome));
              }
            });
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return defaults;
  }

  @Override
  public List<ChatModelListener> listeners() {
    return listeners;
  }

  @Override
  public ModelProvider provider() {
    return ModelProvider.OTHER;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
  }

  @Override
  public String toString() {
    return "ChorusChatModel[" + model + "]";
  }

  /** Builds a {@link ChorusChatModel}; not thread-safe. */
  public static final class Builder {
    private final Engine engine;
    private ModelId model;
    private CallOptions options = CallOptions.DEFAULT;
    private ChatRequestParameters defaults = ChatRequestParameters.builder().build();
    private List<ChatModelListener> listeners = List.of();

    private Builder(Engine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** The model a request goes to when its {@code modelName} is unset. Required. */
    public Builder model(ModelId model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The model as {@code provider:model}, e.g. {@code anthropic:claude-haiku-4-5}. */
    public Builder model(String model) {
      return model(ModelId.parse(model));
    }

    /**
     * Per-call options for every call (priority, timeouts, retry, hedge, fallback, cache); the
     * engine's defaults when not set. Its {@code stream} flag is ignored: the interface called
     * decides.
     */
    public Builder callOptions(CallOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Defaults for what requests leave unset (max output tokens, temperature, stops). */
    public Builder defaultRequestParameters(ChatRequestParameters defaults) {
      this.defaults = Objects.requireNonNull(defaults, "defaults");
      return this;
    }

    /** LangChain4j listeners told of each request, response and error. */
    public Builder listeners(List<ChatModelListener> listeners) {
      this.listeners = List.copyOf(listeners);
      return this;
    }

    public ChorusChatModel build() {
      return new ChorusChatModel(this);
    }
  }
}
