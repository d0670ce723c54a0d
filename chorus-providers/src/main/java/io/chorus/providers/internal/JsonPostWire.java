package io.chorus.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.ChatRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * What both chat protocols share on the way out: one endpoint, a JSON POST with {@code accept} and
 * {@code user-agent}, an optional key, and the request fields both encode alike. Subclasses say
 * where the key goes and how the body is laid out.
 *
 * <p>Its public methods are not final so that javac adds public bridges to the public subclasses
 * (this class itself is not public).
 *
 * <p>Thread-safe and immutable.
 */
abstract class JsonPostWire implements WireProtocol {
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl endpoint;
  private final String apiKey;
  private final String userAgent;

  /**
   * @param path the endpoint below {@code base}, e.g. {@code v1/messages}
   * @param apiKey the key, or null to send none
   */
  JsonPostWire(HttpUrl base, String path, String apiKey, String userAgent) {
    this.endpoint = base.newBuilder().addPathSegments(path).build();
    this.apiKey = apiKey;
    this.userAgent = userAgent;
  }

  public HttpUrl endpoint() {
    return endpoint;
  }

  @Override
  public Request request(ChatRequest request, boolean stream) {
    Request.Builder b = new Request.Builder().url(endpoint);
    protocolHeaders(b);
    b.header("accept", stream ? "text/event-stream" : "application/json")
        .header("user-agent", userAgent)
        .post(RequestBody.create(encode(request, stream), JSON));
    if (apiKey != null) {
      authorize(b, apiKey);
    }
    return b.build();
  }

  /** Headers the protocol always sends ahead of the common ones; none by default. */
  void protocolHeaders(Request.Builder b) {}

  /** Adds {@code apiKey} the way the protocol expects it. */
  abstract void authorize(Request.Builder b, String apiKey);

  /** The JSON request body. */
  abstract byte[] encode(ChatRequest request, boolean stream);

  /**
   * Puts {@code temperature} when set and the stop sequences, when any, under {@code stopField}.
   */
  static void putSampling(ObjectNode root, ChatRequest request, String stopField) {
    if (request.temperature() != null) {
      root.put("temperature", request.temperature());
    }
    if (!request.stopSequences().isEmpty()) {
      ArrayNode stops = root.putArray(stopField);
      request.stopSequences().forEach(stops::add);
    }
  }

  static byte[] bytes(ObjectNode root) {
    try {
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode request", e);
    }
  }
}
