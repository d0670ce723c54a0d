package io.chorus.providers;

import mockwebserver3.MockResponse;

/** Builds SSE wire text and responses for tests. */
final class Sse {
  private Sse() {}

  static String event(String type, String json) {
    return "event: " + type + "\ndata: " + json + "\n\n";
  }

  static String data(String json) {
    return "data: " + json + "\n\n";
  }

  static MockResponse.Builder stream(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("content-type", "text/event-stream; charset=utf-8")
        .chunkedBody(body, 37);
  }

  static MockResponse.Builder json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("content-type", "application/json").body(body);
  }
}
