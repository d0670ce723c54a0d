package io.chorus.config;

import io.chorus.core.Price;

/**
 * A price in US dollars per million tokens: {@code {input: 3, output: 15}}; cache prices default to
 * Anthropic's multipliers of the input price (1.25x write, 0.1x read).
 */
public record PriceSettings(Double input, Double output, Double cacheWrite, Double cacheRead) {

  public PriceSettings {
    if (input == null || output == null) {
      throw new IllegalArgumentException(
          "a price needs both input and output (USD per million tokens)");
    }
    for (Double d : new Double[] {input, output, cacheWrite, cacheRead}) {
      if (d != null && !(d >= 0)) {
        throw new IllegalArgumentException("prices must not be negative, was " + d);
      }
    }
  }

  public Price toPrice() {
    return new Price(
        input,
        output,
        cacheWrite == null ? input * 1.25 : cacheWrite,
        cacheRead == null ? input * 0.1 : cacheRead);
  }
}
