package io.chorus.providers.internal;

import io.chorus.common.internal.Durations;
import io.chorus.core.RateLimitInfo;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;

/**
 * Reads rate-limit headers into a {@link RateLimitInfo}. Every header is optional; a value that
 * does not parse is treated as absent (a provider's odd header must never fail a good answer).
 *
 * <ul>
 *   <li>Anthropic: {@code anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,
 *       remaining,reset}}, resets as RFC 3339 times.
 *   <li>OpenAI-style: {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}}, resets as Go
 *       durations added to {@code now} (the time the response arrived on our clock).
 *   <li>{@code retry-after-ms} (wins) or {@code retry-after} in seconds or as an HTTP date, which
 *       is measured from the response's {@code Date} header when present (immune to clock skew).
 * </ul>
 *
 * Resets of either family accept both formats, since compatible servers mix them up.
 */
public final class RateLimitHeaders {

  private RateLimitHeaders() {}

  /** The parsed headers, or {@link RateLimitInfo#NONE} when there were none. */
  public static RateLimitInfo parse(Headers all, Instant now) {
    Map<String, String> headers = relevant(all);
    if (headers.isEmpty()) {
      return RateLimitInfo.NONE;
    }
    RateLimitInfo info =
        new RateLimitInfo(
            count(headers, "anthropic-ratelimit-requests-limit", "x-ratelimit-limit-requests"),
            count(
                headers,
                "anthropic-ratelimit-requests-remaining",
                "x-ratelimit-remaining-requests"),
            reset(headers, now, "anthropic-ratelimit-requests-reset", "x-ratelimit-reset-requests"),
            count(headers, "anthropic-ratelimit-tokens-limit", "x-ratelimit-limit-tokens"),
            count(headers, "anthropic-ratelimit-tokens-remaining", "x-ratelimit-remaining-tokens"),
            reset(headers, now, "anthropic-ratelimit-tokens-reset", "x-ratelimit-reset-tokens"),
            count(headers, "anthropic-ratelimit-input-tokens-remaining"),
            reset(headers, now, "anthropic-ratelimit-input-tokens-reset"),
            count(headers, "anthropic-ratelimit-output-tokens-remaining"),
            reset(headers, now, "anthropic-ratelimit-output-tokens-reset"),
            retryAfter(headers, now));
    return info.isEmpty() ? RateLimitInfo.NONE : info;
  }

  /**
   * The rate-limit, retry-after and date headers, by lower-case name, in one pass: looking each of
   * the eighteen names up in the response's headers scanned them all eighteen times per response.
   */
  private static Map<String, String> relevant(Headers headers) {
    Map<String, String> found = null;
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (startsWithIgnoreCase(name, "x-ratelimit-")
          || startsWithIgnoreCase(name, "anthropic-ratelimit-")
          || startsWithIgnoreCase(name, "retry-after")
          || name.equalsIgnoreCase("date")) {
        if (found == null) {
          found = new HashMap<>();
        }
        found.put(
            name.toLowerCase(Locale.ROOT),
            headers.value(i)); // the last of repeated names wins, as Headers.get
      }
    }
    return found == null ? Map.of() : found;
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /** {@code retry-after-ms} when present and valid, else {@code retry-after}, else null. */
  public static Duration retryAfter(Headers headers, Instant now) {
    return retryAfter(relevant(headers), now);
  }

  private static Duration retryAfter(Map<String, String> headers, Instant now) {
    String ms = headers.get("retry-after-ms");
    if (ms != null) {
      try {
        BigDecimal millis = new BigDecimal(ms.strip());
        if (millis.signum() >= 0) {
          return Duration.ofNanos(millis.movePointRight(6).longValue());
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // fall through to retry-after
      }
    }
    String value = headers.get("retry-after");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      BigDecimal seconds = new BigDecimal(value.strip());
      return seconds.signum() < 0 ? null : Duration.ofNanos(seconds.movePointRight(9).longValue());
    } catch (NumberFormatException | ArithmeticException e) {
      // an HTTP date
    }
    Instant when = httpDate(value);
    if (when == null) {
      return null;
    }
    Instant base = httpDate(headers.get("date"));
    Duration wait = Duration.between(base == null ? now : base, when);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static Instant httpDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Long count(Map<String, String> headers, String... names) {
    for (String name : names) {
      String value = headers.get(name);
      if (value != null) {
        try {
          return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
          try {
            return new BigDecimal(value.strip()).longValue(); // "1000.0" from some gateways
          } catch (NumberFormatException e2) {
            // not a count: treat as absent
          }
        }
      }
    }
    return null;
  }

  private static Instant reset(Map<String, String> headers, Instant now, String... names) {
    for (String name : names) {
      String value = headers.get(name);
      if (value != null) {
        Instant parsed = instant(value.strip(), now);
        if (parsed != null) {
          return parsed;
        }
      }
    }
    return null;
  }

  /** An RFC 3339 time, or a Go duration (or bare seconds) from {@code now}; null if neither. */
  static Instant instant(String value, Instant now) {
    if (value.indexOf('T') > 0 && value.indexOf('-') > 0) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    try {
      return now.plus(Durations.parse(value, ChronoUnit.SECONDS));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }
}
