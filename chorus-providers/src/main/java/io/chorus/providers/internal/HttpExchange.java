package io.chorus.providers.internal;

import io.chorus.core.CallContext;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderError.Phase;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * One HTTP attempt, executed synchronously on the calling thread: the engine bounds the attempt
 * (its alarm interrupts the thread; outside the engine the {@link Watchdog} does), first-token and
 * idle timeouts come from the watchdog, and every blocking step runs under an {@link InterruptHook}
 * so an interrupt cancels the call. {@link #failure(IOException)} says which of these ended a
 * failed read.
 *
 * <p>Not thread-safe: one exchange per attempt, used by the calling thread.
 */
public final class HttpExchange implements AutoCloseable {
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private final WireCall call;
  private final CallContext context;
  private final BodyLimits limits;
  private final Watchdog.Watch watch;
  private final InterruptHook hook;
  private Response response;
  private BufferedSource body;

  /**
   * @param streaming whether the first-token timeout applies (the idle timeout applies to every
   *     body read: a non-streaming answer that stalls after its headers is as stuck as a stream)
   * @param limits the largest body and event this exchange accepts
   */
  public HttpExchange(
      WireCall call, Watchdog watchdog, CallContext context, boolean streaming, BodyLimits limits) {
    this.call = call;
    this.context = context;
    this.limits = limits;
    // inside the engine its alarm interrupts the thread at the attempt timeout and the interrupt
    // hook cancels the call: a second timer per call would only cost (okio's take a global lock)
    Duration attempt = context.callerEnforcesTimeout() ? null : context.attemptTimeout();
    this.watch =
        watchdog.watch(
            call, attempt, streaming ? context.firstTokenTimeout() : null, context.idleTimeout());
    this.hook = new InterruptHook(call);
  }

  /** Sends the request and waits for the response headers. */
  public Response execute() throws IOException, InterruptedException {
    response = hook.run(call::execute);
    watch.headersReceived();
    body =
        Okio.buffer(
            new ForwardingSource(response.body().source()) {
              @Override
              public long read(Buffer sink, long byteCount) throws IOException {
                long n = super.read(sink, byteCount);
                if (n > 0) {
                  watch.activity();
                }
                return n;
              }
            });
    return response;
  }

  /** Runs a blocking read of the body (cancelled on interrupt). */
  public <T> T read(IoFunction<BufferedSource, T> reader) throws IOException, InterruptedException {
    return hook.run(() -> reader.apply(body));
  }

  /**
   * The whole body; a body over {@link BodyLimits#maxBodyBytes()} throws {@link
   * ResponseTooLargeException}.
   */
  public byte[] readAll() throws IOException, InterruptedException {
    long max = limits.maxBodyBytes();
    return read(
        source -> {
          Buffer buffer = new Buffer();
          while (source.read(buffer, 64 * 1024) != -1) {
            if (buffer.size() > max) {
              throw new ResponseTooLargeException("response body", max);
            }
          }
          return buffer.readByteArray();
        });
  }

  /** The limits this exchange enforces. */
  public BodyLimits limits() {
    return limits;
  }

  /** The response's {@code Content-Type}, or "" when it sent none. */
  public String contentType() {
    String type = response == null ? null : response.header("content-type");
    return type == null ? "" : type.strip();
  }

  /** At most 64 KiB of the body as text, for error messages. */
  public String readErrorBody() throws IOException, InterruptedException {
    return read(
        source -> {
          Buffer buffer = new Buffer();
          while (buffer.size() < MAX_ERROR_BODY
              && source.read(buffer, MAX_ERROR_BODY - buffer.size()) != -1) {
            // keep reading
          }
          return buffer.readUtf8();
        });
  }

  /** A text or reasoning delta arrived. */
  public void firstToken() {
    watch.firstToken();
  }

  /** The HTTP status, or 0 before the response arrived. */
  public int status() {
    return response == null ? 0 : response.code();
  }

  /** The watchdog timeout that cancelled this exchange, or null. */
  public ProviderError firedTimeout() {
    Phase fired = watch.fired();
    if (fired == Phase.FIRST_TOKEN) {
      return new ProviderError.Timeout(
          "no first token within " + human(context.firstTokenTimeout()), status(), fired);
    }
    if (fired == Phase.IDLE) {
      return new ProviderError.Timeout(
          "stream silent for " + human(context.idleTimeout()), status(), fired);
    }
    if (fired == Phase.ATTEMPT) {
      return new ProviderError.Timeout(
          "attempt timed out after " + human(context.attemptTimeout()), status(), fired);
    }
    return null;
  }

  /** Classifies an I/O failure of this exchange (not an interrupt: {@link #read} throws those). */
  public ProviderError failure(IOException e) {
    int status = status();
    ProviderError timeout = firedTimeout();
    if (timeout != null) {
      return timeout;
    }
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (e instanceof SocketTimeoutException && text.contains("connect")) {
      return new ProviderError.Timeout("connect timed out", status, Phase.CONNECT);
    }
    if (call.isCanceled() || (e instanceof InterruptedIOException && text.equals("timeout"))) {
      return new ProviderError.Timeout(
          "attempt timed out after " + human(context.attemptTimeout()), status, Phase.ATTEMPT);
    }
    return new ProviderError.ConnectionFailed(
        connectionFailure(WireCall.target(call.url()), e), status);
  }

  /**
   * What failed, where: {@code 127.0.0.1:9 refused (Connection refused)}, {@code
   * api.example.com:443: unknown host}, {@code 127.0.0.1:8080: response broken off
   * (SocketException: Connection reset)}. Names the host and port only, never the URL (which may
   * carry credentials).
   */
  String connectionFailure(String target, IOException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (response == null && e instanceof java.net.ConnectException) {
      return target + " refused (" + detail + ")";
    }
    if (e instanceof java.net.UnknownHostException) {
      return target + ": unknown host";
    }
    if (e instanceof javax.net.ssl.SSLHandshakeException && untrusted(e)) {
      // the JDK's words (PKIX path building failed) do not say what to do about it
      return target
          + ": the server's TLS certificate is not trusted; trust its authority with ca_file in chorus.yaml,"
          + " --ca FILE or CHORUS_CA_FILE ("
          + detail
          + ")";
    }
    String what = response == null ? "request failed" : "response broken off";
    return target + ": " + what + " (" + e.getClass().getSimpleName() + ": " + detail + ")";
  }

  /**
   * Whether a handshake failed because no trusted authority vouches for the server's certificate.
   */
  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertPathValidatorException
          || t.getClass().getName().endsWith("CertPathBuilderException")
          || (t.getMessage() != null && t.getMessage().contains("PKIX path"))) {
        return true;
      }
    }
    return false;
  }

  private static String human(Duration d) {
    return d == null ? "?" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    watch.finish();
    if (response != null) {
      response.close();
    }
  }

  /** A blocking function of the body. */
  @FunctionalInterface
  public interface IoFunction<A, B> {
    B apply(A a) throws IOException;
  }
}
