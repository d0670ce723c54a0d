package io.chorus.gateway.internal;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** Writing whole JSON responses and errors. */
public final class Responses {

  private Responses() {}

  public static void json(ServerResponse res, int status, String body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The error a {@link GatewayException} carries, with {@code Connection: close} when its request's
   * body was left unread.
   */
  public static void error(ServerResponse res, Protocol protocol, GatewayException e) {
    if (e.closeConnection()) {
      res.header(HeaderNames.CONNECTION, "close");
    }
    error(res, protocol, e.error());
  }

  /** An error in the protocol's shape, with {@code retry-after} when it has one. */
  public static void error(ServerResponse res, Protocol protocol, ApiError e) {
    if (e.retryAfter() != null) {
      res.header(
          "retry-after", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
      res.header("retry-after-ms", Long.toString(Math.max(1, e.retryAfter().toMillis())));
    }
    if (e.status() == 401) {
      res.header("www-authenticate", "Bearer");
    }
    json(res, e.status(), protocol.errorJson(e));
  }
}
