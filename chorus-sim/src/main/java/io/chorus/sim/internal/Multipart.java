package io.chorus.sim.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its named parts: what {@code POST
 * /v1/files} receives from the OpenAI SDKs. Hand-written because the simulator has no servlet
 * container to parse it and only needs names, file names and bytes.
 */
final class Multipart {
  /**
   * One part.
   *
   * @param filename the part's file name, or null for a plain field
   * @param bytes its content
   */
  record Part(String filename, byte[] bytes) {}

  private Multipart() {}

  /**
   * The parts by name.
   *
   * @throws IllegalArgumentException when the content type has no boundary or the body is not
   *     multipart
   */
  static Map<String, Part> parse(String contentType, byte[] body) {
    String boundary = null;
    if (contentType != null) {
      for (String param : contentType.split(";")) {
        String p = param.strip();
        if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
          boundary = p.substring(9);
          if (boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() > 1) {
            boundary = boundary.substring(1, boundary.length() - 1);
          }
        }
      }
    }
    if (boundary == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("expected a multipart/form-data body with a boundary");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      start += 2; // CRLF after the delimiter
      int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headEnd < 0) {
        throw new IllegalArgumentException("a multipart part has no header end");
      }
      String head = new String(body, start, headEnd - start, StandardCharsets.UTF_8);
      int next = indexOf(body, delimiter, headEnd + 4);
      if (next < 0) {
        throw new IllegalArgumentException("the multipart body has no closing boundary");
      }
      int end = next - 2; // CRLF before the delimiter
      byte[] content = java.util.Arrays.copyOfRange(body, headEnd + 4, Math.max(headEnd + 4, end));
      String name = param(head, "name");
      if (name != null) {
        parts.put(name, new Part(param(head, "filename"), content));
      }
      at = next;
    }
    return parts;
  }

  private static String param(String head, String name) {
    for (String line : head.split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        continue;
      }
      for (String p : line.split(";")) {
        String s = p.strip();
        if (s.startsWith(name + "=")) {
          String v = s.substring(name.length() + 1);
          return v.startsWith("\"") && v.endsWith("\"") && v.length() > 1
              ? v.substring(1, v.length() - 1)
              : v;
        }
      }
    }
    return null;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
