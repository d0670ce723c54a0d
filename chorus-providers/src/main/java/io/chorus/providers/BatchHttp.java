package io.chorus.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.RateLimitInfo;
import io.chorus.providers.internal.ErrorBody;
import io.chorus.providers.internal.ErrorClassifier;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The HTTP side of the batch APIs over the provider's own OkHttp client (the HTTPS path every
 * hosted provider takes): JSON requests, streamed JSONL downloads, and failures as {@link
 * ProviderException}s classified like a call's. Thread-safe.
 */
final class BatchHttp {
  static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client;
  private final Consumer<Request.Builder> authorize;
  private final UnaryOperator<String> scrub;

  BatchHttp(OkHttpClient client, Consumer<Request.Builder> authorize, UnaryOperator<String> scrub) {
    this.client = client;
    this.authorize = authorize;
    this.scrub = scrub;
  }

  JsonNode get(HttpUrl url) throws InterruptedException {
    return json(new Request.Builder().url(url).get());
  }

  JsonNode post(HttpUrl url, RequestBody body) throws InterruptedException {
    return json(new Request.Builder().url(url).post(body));
  }

  /** GETs {@code url} and hands each non-blank line of the body to {@code line}, streamed. */
  void lines(HttpUrl url, Consumer<String> line) throws InterruptedException {
    Request.Builder b = new Request.Builder().url(url).get();
    execute(
        b,
        response -> {
          BufferedSource source = response.body().source();
          for (String l = source.readUtf8Line(); l != null; l = source.readUtf8Line()) {
            if (!l.isBlank()) {
              line.accept(l);
            }
          }
          return null;
        });
  }

  private JsonNode json(Request.Builder b) throws InterruptedException {
    return execute(
        b, response -> io.chorus.providers.internal.Json.MAPPER.readTree(response.body().string()));
  }

  private interface Read<T> {
    T read(Response response) throws IOException;
  }

  private <T> T execute(Request.Builder b, Read<T> read) throws InterruptedException {
    b.header("accept", "application/json").header("user-agent", ProviderNames.USER_AGENT);
    authorize.accept(b);
    Request request = b.build();
    Call call = client.newCall(request);
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        String raw = response.body().string();
        ProviderError error =
            ErrorClassifier.classify(response.code(), ErrorBody.parse(raw), RateLimitInfo.NONE);
        throw new ProviderException(
            error.withMessage(scrub.apply(error.message())),
            response.header("request-id", response.header("x-request-id")),
            null,
            null,
            null);
      }
      return read.read(response);
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("batch API call interrupted");
      }
      throw failed(request, e);
    } catch (IOException e) {
      throw failed(request, e);
    } finally {
      call.cancel();
    }
  }

  private ProviderException failed(Request request, IOException e) {
    return new ProviderException(
        new ProviderError.ConnectionFailed(
            scrub.apply(
                "batch API "
                    + request.method()
                    + " "
                    + request.url().host()
                    + ":"
                    + request.url().port()
                    + request.url().encodedPath()
                    + ": "
                    + e.getMessage()),
            0),
        null,
        null,
        null,
        e);
  }
}
