package io.chorus.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.RateLimitInfo;
import io.chorus.providers.internal.Answer;
import io.chorus.providers.internal.ErrorBody;
import io.chorus.providers.internal.ErrorClassifier;
import io.chorus.providers.internal.Json;
import io.chorus.providers.internal.WireException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * The OpenAI Batch API over an {@link OpenAiCompatibleProvider}'s key and transport: the requests
 * as a JSONL file uploaded to {@code files} (purpose {@code batch}), a batch on {@code
 * /v1/chat/completions} with a 24 h window, answers in its output file and failures in its error
 * file.
 */
final class OpenAiBatches implements BatchApi {
  private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");
  private static final String ENDPOINT = "/v1/chat/completions";

  private final HttpProvider provider;
  private final HttpUrl base;
  private final BatchHttp http;
  private final BatchLimits limits;

  OpenAiBatches(HttpProvider provider) {
    this(provider, BatchLimits.OPENAI);
  }

  private OpenAiBatches(HttpProvider provider, BatchLimits limits) {
    this.provider = provider;
    this.base = provider.base(); // ends in /v1 like the chat endpoint's base
    this.http = provider.batchHttp();
    this.limits = limits;
  }

  OpenAiBatches withLimits(BatchLimits other) {
    return new OpenAiBatches(provider, other);
  }

  @Override
  public String provider() {
    return provider.name();
  }

  @Override
  public BatchLimits limits() {
    return limits;
  }

  @Override
  public long size(BatchRequest r) {
    return provider.requestBody(r.request()).length + r.customId().length() + 80L;
  }

  @Override
  public BatchStatus create(List<BatchRequest> requests) throws InterruptedException {
    if (requests.isEmpty() || split(requests).size() > 1) {
      throw new IllegalArgumentException(
          "a batch takes 1 to " + limits.maxRequests() + " requests within its byte limit");
    }
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    for (BatchRequest r : requests) {
      ObjectNode line = Json.MAPPER.createObjectNode();
      line.put("custom_id", r.customId());
      line.put("method", "POST");
      line.put("url", ENDPOINT);
      if (provider.synthetic() && r.request().sampleIndex() > 0) {
        line.put("x_chorus_sample", Integer.toString(r.request().sampleIndex()));
      }
      try {
        line.set("body", Json.MAPPER.readTree(provider.requestBody(r.request())));
        jsonl.write(Json.MAPPER.writeValueAsBytes(line));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      jsonl.write('\n');
    }
    RequestBody upload =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("purpose", "batch")
            .addFormDataPart(
                "file",
                "chorus-batch.jsonl",
                RequestBody.create(jsonl.toByteArray(), MediaType.get("application/jsonl")))
            .build();
    JsonNode file = http.post(url("files"), upload);
    ObjectNode create = Json.MAPPER.createObjectNode();
    create.put("input_file_id", file.path("id").asText());
    create.put("endpoint", ENDPOINT);
    create.put("completion_window", "24h");
    create.putObject("metadata").put("created_by", "chorus");
    return status(
        http.post(
            url("batches"), RequestBody.create(AnthropicBatches.bytes(create), BatchHttp.JSON)));
  }

  @Override
  public BatchStatus retrieve(String batchId) throws InterruptedException {
    return status(http.get(url("batches/" + batchId)));
  }

  @Override
  public BatchStatus cancel(String batchId) throws InterruptedException {
    return status(
        http.post(
            url("batches/" + batchId + "/cancel"),
            RequestBody.create(new byte[0], BatchHttp.JSON)));
  }

  @Override
  public void results(String batchId, Consumer<BatchResult> each) throws InterruptedException {
    JsonNode b = http.get(url("batches/" + batchId));
    if (b.path("status").asText().equals("failed")) {
      // the whole batch was refused at validation: no output, the reason in "errors"
      JsonNode first = b.path("errors").path("data").path(0);
      throw new ProviderException(
          new ProviderError.InvalidRequest(
              "batch "
                  + batchId
                  + " failed validation: "
                  + first.path("code").asText("")
                  + " "
                  + first.path("message").asText(""),
              400));
    }
    String where = "batch " + batchId + ": ";
    for (String field : List.of("output_file_id", "error_file_id")) {
      JsonNode id = b.path(field);
      if (id.isTextual()) {
        http.lines(
            url("files/" + id.asText() + "/content"),
            line -> each.accept(result(where, AnthropicBatches.parse(line))));
      }
    }
  }

  private BatchResult result(String where, JsonNode line) {
    String id = line.path("custom_id").asText();
    JsonNode response = line.path("response");
    JsonNode error = line.path("error");
    if (response.isObject() && response.path("status_code").asInt() == 200) {
      JsonNode body = response.path("body");
      try {
        Answer a = provider.decode(body);
        return new BatchResult(
            id,
            AnthropicBatches.response(
                provider,
                a,
                body.path("model").asText(null),
                response.path("request_id").asText(null)),
            null);
      } catch (WireException e) {
        return new BatchResult(
            id, null, new ProviderError.MalformedResponse(where + e.getMessage(), 0));
      }
    }
    if (response.isObject()) {
      int status = response.path("status_code").asInt();
      ProviderError e =
          ErrorClassifier.classify(
              status, ErrorBody.parse(response.path("body").toString()), RateLimitInfo.NONE);
      return new BatchResult(id, null, e.withMessage(where + "errored: " + e.message()));
    }
    String code = error.path("code").asText("error");
    String message = error.path("message").asText("");
    String word =
        code.equals("batch_expired")
            ? "expired"
            : code.equals("batch_cancelled") ? "canceled" : code;
    return new BatchResult(
        id, null, new ProviderError.ServerError(where + word + ": " + code + ": " + message, 0));
  }

  private BatchStatus status(JsonNode b) {
    JsonNode c = b.path("request_counts");
    String state = b.path("status").asText();
    int total = c.path("total").asInt();
    int succeeded = c.path("completed").asInt();
    int failed = c.path("failed").asInt();
    boolean ended = ENDED.contains(state);
    if (ended && !state.equals("completed")) {
      failed = total - succeeded; // expired and cancelled requests count as failed once it ends
    }
    return new BatchStatus(
        provider.name(), b.path("id").asText(), state, ended, total, succeeded, failed);
  }

  private HttpUrl url(String path) {
    return base.newBuilder().addPathSegments(path).build();
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
