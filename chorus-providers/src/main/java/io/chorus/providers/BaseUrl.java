package io.chorus.providers;

import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Parses configured base URLs with messages that name where the value came from, and removes the
 * credentials a URL may carry ({@code http://user:SECRET@host}) from any text that prints one: the
 * one function every printer and logger of a URL uses.
 */
public final class BaseUrl {
  private BaseUrl() {}

  /**
   * {@code scheme://user:password@} or {@code scheme://token@}: the user info of any URL in a text.
   */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#\\s@'\"]+@");

  /**
   * {@code text} with the user info of every URL in it replaced by {@code ***}; null stays null.
   */
  public static String redact(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    return USER_INFO.matcher(text).replaceAll("$1***@");
  }

  /**
   * @param source where the value came from, e.g. {@code ANTHROPIC_BASE_URL}, for the message
   * @throws IllegalArgumentException naming the source when the value is not an http(s) URL
   */
  static HttpUrl parse(String value, String source) {
    HttpUrl url = value == null ? null : HttpUrl.parse(value.strip());
    if (url == null) {
      throw new IllegalArgumentException(
          source
              + ": '"
              + redact(value)
              + "' is not an http:// or https:// URL (e.g. http://127.0.0.1:8080)");
    }
    return url;
  }

  /**
   * {@code url} with {@code /v1} appended when its path is empty (servers whose API lives under
   * /v1).
   */
  static HttpUrl withV1IfBare(HttpUrl url) {
    if (url.encodedPath().equals("/")) {
      return url.newBuilder().addPathSegment("v1").build();
    }
    return url;
  }

  /** The URL without user info or query, safe to print. */
  static String display(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
  }
}
