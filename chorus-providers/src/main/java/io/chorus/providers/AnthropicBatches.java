package io.chorus.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.providers.internal.Answer;
import io.chorus.providers.internal.ErrorBody;
import io.chorus.providers.internal.ErrorClassifier;
import io.chorus.providers.internal.Json;
import io.chorus.providers.internal.WireException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;

/** Anthropic Message Batches over an {@link AnthropicProvider}'s key and transport. */
final class AnthropicBatches implements BatchApi {
  private final HttpProvider provider;
  private final HttpUrl root;
  private final BatchHttp http;
  private final BatchLimits limits;

  AnthropicBatches(HttpProvider provider) {
    this(provider, BatchLimits.ANTHROPIC);
  }

  private AnthropicBatches(HttpProvider provider, BatchLimits limits) {
    this.provider = provider;
    this.root = provider.base().newBuilder().addPathSegments("v1/messages/batches").build();
    this.http = provider.batchHttp();
    this.limits = limits;
  }

  @Override
  public String provider() {
    return provider.name();
  }

  @Override
  public BatchLimits limits() {
    return limits;
  }

  /** The same API with other limits (tests lower them to see a split). */
  AnthropicBatches withLimits(BatchLimits other) {
    return new AnthropicBatches(provider, other);
  }

  @Override
  public long size(BatchRequest r) {
    return provider.requestBody(r.request()).length + r.customId().length() + 40L;
  }

  @Override
  public BatchStatus create(List<BatchRequest> requests) throws InterruptedException {
    if (requests.isEmpty() || split(requests).size() > 1) {
      throw new IllegalArgumentException(
          "a batch takes 1 to " + limits.maxRequests() + " requests within its byte limit");
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    var array = body.putArray("requests");
    for (BatchRequest r : requests) {
      ObjectNode item = array.addObject();
      item.put("custom_id", r.customId());
      if (provider.synthetic() && r.request().sampleIndex() > 0) {
        // the simulator's stand-in for the x-chorus-sample header of a call
        item.put("x_chorus_sample", Integer.toString(r.request().sampleIndex()));
      }
      try {
        item.set("params", Json.MAPPER.readTree(provider.requestBody(r.request())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return status(http.post(root, RequestBody.create(bytes(body), BatchHttp.JSON)));
  }

  @Override
  public BatchStatus retrieve(String batchId) throws InterruptedException {
    return status(http.get(root.newBuilder().addPathSegment(batchId).build()));
  }

  @Override
  public BatchStatus cancel(String batchId) throws InterruptedException {
    return status(
        http.post(
            root.newBuilder().addPathSegment(batchId).addPathSegment("cancel").build(),
            RequestBody.create(new byte[0], BatchHttp.JSON)));
  }

  @Override
  public void results(String batchId, Consumer<BatchResult> each) throws InterruptedException {
    JsonNode batch = http.get(root.newBuilder().addPathSegment(batchId).build());
    String url = batch.path("results_url").asText(null);
    if (url == null || batch.path("results_url").isNull()) {
      throw new IllegalStateException(
          "batch " + batchId + " has no results yet (" + batch.path("processing_status") + ")");
    }
    HttpUrl results = HttpUrl.parse(url);
    if (results == null) {
      results = root.resolve(url);
    }
    http.lines(results, line -> each.accept(result(batchId, parse(line))));
  }

  private BatchResult result(String batchId, JsonNode line) {
    String id = line.path("custom_id").asText();
    JsonNode result = line.path("result");
    String type = result.path("type").asText();
    String where = "batch " + batchId + ": ";
    return switch (type) {
      case "succeeded" -> {
        try {
          JsonNode message = result.path("message");
          Answer a = provider.decode(message);
          String model = message.path("model").asText(null);
          yield new BatchResult(
              id, response(provider, a, model, message.path("id").asText(null)), null);
        } catch (WireException e) {
          yield new BatchResult(
              id, null, new ProviderError.MalformedResponse(where + e.getMessage(), 0));
        }
      }
      case "errored" -> {
        JsonNode error = result.path("error");
        ProviderError e =
            ErrorClassifier.classify(
                0, ErrorBody.parse(error.toString()), io.chorus.core.RateLimitInfo.NONE);
        yield new BatchResult(id, null, e.withMessage(where + "errored: " + e.message()));
      }
      case "expired" ->
          new BatchResult(
              id,
              null,
              new ProviderError.ServerError(
                  where + "expired: the provider did not process this request within 24 h", 0));
      case "canceled" ->
          new BatchResult(
              id,
              null,
              new ProviderError.ServerError(
                  where + "canceled: the batch was canceled before this request ran", 0));
      default ->
          new BatchResult(
              id,
              null,
              new ProviderError.MalformedResponse(where + "unknown result type '" + type + "'", 0));
    };
  }

  private BatchStatus status(JsonNode b) {
    JsonNode c = b.path("request_counts");
    int succeeded = c.path("succeeded").asInt();
    int failed = c.path("errored").asInt() + c.path("canceled").asInt() + c.path("expired").asInt();
    int total = succeeded + failed + c.path("processing").asInt();
    String state = b.path("processing_status").asText();
    return new BatchStatus(
        provider.name(),
        b.path("id").asText(),
        state,
        state.equals("ended"),
        total,
        succeeded,
        failed);
  }

  /** An answer read from a batch as the {@link ChatResponse} a call would have returned. */
  static ChatResponse response(HttpProvider provider, Answer a, String model, String requestId) {
    return new ChatResponse(
        a.text(),
        a.stopReason(),
        a.usage(),
        new ModelId(provider.name(), model == null ? "unknown" : model),
        requestId,
        Duration.ZERO,
        null,
        null,
        a.reasoning(),
        provider.synthetic());
  }

  static JsonNode parse(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("a batch results line is not JSON: " + e.getMessage(), e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
