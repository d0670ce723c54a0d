package io.chorus.sim.internal;

import java.util.Map;

/**
 * One parsed HTTP/1.1 request.
 *
 * @param method upper-case method
 * @param path the path without the query string
 * @param headers header values by lower-case name (the last occurrence wins)
 * @param body the request body, empty when there is none
 * @param keepAlive whether the connection may carry another request afterwards
 */
public record HttpRequest(
    String method, String path, Map<String, String> headers, byte[] body, boolean keepAlive) {

  /** A header by lower-case name, or null. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }
}
