package io.chorus.providers;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.StreamObserver;
import io.chorus.providers.internal.ChatClient;
import io.chorus.providers.internal.WireProtocol;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;

/**
 * What both HTTP providers share: name, base URL, key, transport ownership and the call/stream
 * plumbing over a {@link ChatClient}. The two public providers differ only in their {@link
 * WireProtocol} and their builder options.
 *
 * <p>The methods are not final so that javac adds public bridges to the public subclasses, which
 * keeps them callable by reflection from other packages (this class itself is not public).
 *
 * <p>Thread-safe: immutable after construction.
 */
abstract class HttpProvider implements Provider {
  private final String name;
  private final String baseUrl;
  private final Secret apiKey;
  private final boolean synthetic;
  private final HttpTransport transport;
  private final boolean ownsTransport;
  private final ChatClient client;
  private final HttpUrl base;
  private final WireProtocol protocol;
  private final UnaryOperator<String> scrub;

  /**
   * @param wire the protocol for the parsed base URL and the revealed key (null when none is set)
   * @throws IllegalArgumentException when the base URL is not an http(s) URL
   */
  HttpProvider(HttpProviderBuilder b, BiFunction<HttpUrl, String, WireProtocol> wire) {
    this.name = b.name;
    this.apiKey = b.apiKey;
    this.synthetic = b.synthetic;
    HttpUrl base = BaseUrl.parse(b.baseUrl, name + " base URL");
    this.baseUrl = BaseUrl.display(base);
    WireProtocol protocol = wire.apply(base, apiKey == null ? null : apiKey.reveal());
    this.ownsTransport = b.transport == null;
    this.transport = b.transport == null ? HttpTransport.create() : b.transport;
    UnaryOperator<String> scrub =
        apiKey == null ? BaseUrl::redact : text -> BaseUrl.redact(apiKey.scrub(text));
    this.base = base;
    this.protocol = protocol;
    this.scrub = scrub;
    this.client =
        new ChatClient(
            transport::newCall,
            transport.watchdog(),
            protocol,
            b.time,
            scrub,
            synthetic,
            transport.bodyLimits());
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

  /** The parsed base URL, for the batch APIs. */
  HttpUrl base() {
    return base;
  }

  /** The JSON body a call of {@code request} sends (not streamed): a batch item's params. */
  byte[] requestBody(ChatRequest request) {
    okhttp3.Request r = protocol.request(request, false);
    okio.Buffer buffer = new okio.Buffer();
    try {
      r.body().writeTo(buffer);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // an in-memory body
    }
    return buffer.readByteArray();
  }

  /** Decodes a non-streaming answer body, as a call's. */
  io.chorus.providers.internal.Answer decode(com.fasterxml.jackson.databind.JsonNode root)
      throws io.chorus.providers.internal.WireException {
    return protocol.decode(root);
  }

  /** The batch APIs' HTTP client: this provider's transport, headers and key. */
  BatchHttp batchHttp() {
    okhttp3.Request template =
        protocol.request(ChatRequest.of(name + ":batch", "x"), false); // for its headers only
    return new BatchHttp(
        transport.client(),
        b -> {
          for (String h : java.util.List.of("x-api-key", "authorization", "anthropic-version")) {
            String v = template.header(h);
            if (v != null) {
              b.header(h, v);
            }
          }
        },
        scrub);
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
    return getClass().getSimpleName()
        + "[name="
        + name
        + ", base="
        + baseUrl
        + ", key="
        + (apiKey == null ? "none" : apiKey)
        + (synthetic ? ", synthetic" : "")
        + "]";
  }
}
