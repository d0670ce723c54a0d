package io.chorus.config;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One virtual key of the gateway, stored as the SHA-256 of the key, never the key itself ({@code
 * printf %s "$KEY" | sha256sum}). Clients send the key as {@code Authorization: Bearer KEY} (OpenAI
 * SDKs) or {@code x-api-key: KEY} (Anthropic SDKs).
 *
 * @param sha256 the key's SHA-256, 64 hex digits
 * @param rpm the most requests per minute this key may make (429 beyond), or null for no limit
 * @param maxCost the most this key may spend while the gateway runs, in US dollars, or null
 * @param models the models this key may use ({@code provider:model}, {@code chorus/NAME}, or {@code
 *     provider:*}), or null for every model
 */
public record GatewayKeySettings(
    String sha256, @Nullable Double rpm, @Nullable Double maxCost, List<String> models) {

  public GatewayKeySettings {
    if (sha256 == null || !sha256.strip().matches("(?i)(sha256:)?[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sha256 must be the 64 hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum)");
    }
    sha256 = sha256.strip().toLowerCase(Locale.ROOT).replaceFirst("^sha256:", "");
    if (rpm != null && !(rpm > 0)) {
      throw new IllegalArgumentException("rpm must be positive, was " + rpm);
    }
    if (maxCost != null && !(maxCost > 0)) {
      throw new IllegalArgumentException(
          "max_cost must be a positive amount of US dollars, was " + maxCost);
    }
    models = models == null ? null : List.copyOf(models);
  }

  /** The hash as bytes. */
  public byte[] hash() {
    return HexFormat.of().parseHex(sha256);
  }

  @Override
  public String toString() {
    return "GatewayKeySettings[sha256="
        + sha256.substring(0, 8)
        + "..., rpm="
        + rpm
        + ", maxCost="
        + maxCost
        + ", models="
        + models
        + "]";
  }
}
