package io.chorus.providers.internal;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * One HTTP request on its way, executed once on the calling thread and cancellable from any thread:
 * an OkHttp call, or an {@link Http1Call} on the plain HTTP/1.1 path.
 *
 * <p>Cancelling closes the connection (or resets the HTTP/2 stream), so a thread blocked in {@link
 * #execute()} or in a body read fails at once with an {@link IOException}.
 */
public interface WireCall {

  /** Sends the request and returns once the response headers have arrived. */
  Response execute() throws IOException;

  /** Aborts the call; idempotent, callable from any thread. */
  void cancel();

  boolean isCanceled();

  /** The request's URL, for naming the host and port in errors (never logged or shown whole). */
  HttpUrl url();

  /** {@code host:port} of {@code url}, IPv6 hosts in brackets: what a connection error names. */
  static String target(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return host + ":" + url.port();
  }

  /** An OkHttp call as a wire call. */
  static WireCall of(Call call) {
    return new WireCall() {
      @Override
      public Response execute() throws IOException {
        return call.execute();
      }

      @Override
      public void cancel() {
        call.cancel();
      }

      @Override
      public boolean isCanceled() {
        return call.isCanceled();
      }

      @Override
      public HttpUrl url() {
        return call.request().url();
      }
    };
  }
}
