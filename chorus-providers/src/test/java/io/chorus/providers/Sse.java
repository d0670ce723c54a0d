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

  /**
   * A 200 event stream of known length whose text arrives in flushed pieces of 37 bytes, splitting
   * lines and multi-byte characters. Not MockWebServer's {@code chunkedBody}: over HTTP/2 that
   * sends the chunked coding's size lines as data.
   */
  static MockResponse.Builder stream(String body) {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.util.List<okio.ByteString> parts = new java.util.ArrayList<>();
    for (int i = 0; i < bytes.length; i += 37) {
      parts.add(okio.ByteString.of(bytes, i, Math.min(37, bytes.length - i)));
    }
    return new MockResponse.Builder()
        .code(200)
        .addHeader("content-type", "text/event-stream; charset=utf-8")
        .body(
            new mockwebserver3.MockResponseBody() {
              @Override
              public long getContentLength() {
                return bytes
                    .length; // framed by length over HTTP/1.1 (chunked framing: PlainHttp1Test)
              }

              @Override
              public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
                for (okio.ByteString part : parts) {
                  sink.write(part);
                  sink.flush();
                }
              }
            });
  }

  static MockResponse.Builder json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("content-type", "application/json")
        .body(body);
  }
}
