package io.chorus.sim;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A seeded random quantity: a latency in milliseconds or a streaming rate in tokens per second.
 *
 * <p>Immutable and thread-safe; {@link #sample} draws from the generator it is given, so the
 * simulator's seed decides every value.
 */
public sealed interface Distribution {

  /** Always zero: no latency, or (for a rate) no throttling. */
  Distribution ZERO = new Fixed(0);

  /** One value drawn with {@code random}; never negative. */
  double sample(RandomGenerator random);

  /** The median, for documentation and summaries. */
  double median();

  /** Always {@code value}. */
  static Distribution fixed(double value) {
    return new Fixed(value);
  }

  /** Always {@code duration}, in milliseconds. */
  static Distribution fixed(Duration duration) {
    return new Fixed(duration.toNanos() / 1e6);
  }

  /** Uniform in [{@code min}, {@code max}]. */
  static Distribution uniform(double min, double max) {
    return new Uniform(min, max);
  }

  /** Uniform between two durations, in milliseconds. */
  static Distribution uniform(Duration min, Duration max) {
    return new Uniform(min.toNanos() / 1e6, max.toNanos() / 1e6);
  }

  /** Log-normal (heavy-tailed) with the given median and 99th percentile. */
  static Distribution lognormal(double p50, double p99) {
    return new LogNormal(p50, p99);
  }

  /** Log-normal between two durations, in milliseconds. */
  static Distribution lognormal(Duration p50, Duration p99) {
    return new LogNormal(p50.toNanos() / 1e6, p99.toNanos() / 1e6);
  }

  /** A constant. */
  record Fixed(double value) implements Distribution {
    public Fixed {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            "fixed distribution: value must be finite and >= 0, was " + value);
      }
    }

    @Override
    public double sample(RandomGenerator random) {
      return value;
    }

    @Override
    public double median() {
      return value;
    }
  }

  /** Uniform in [min, max]. */
  record Uniform(double min, double max) implements Distribution {
    public Uniform {
      if (!(min >= 0) || !(max >= min) || Double.isInfinite(max)) {
        throw new IllegalArgumentException(
            "uniform distribution: need 0 <= min <= max, was [" + min + ", " + max + "]");
      }
    }

    @Override
    public double sample(RandomGenerator random) {
      return min + (max - min) * random.nextDouble();
    }

    @Override
    public double median() {
      return (min + max) / 2;
    }
  }

  /**
   * Log-normal parametrised by its median and 99th percentile: mu = ln(p50), sigma = (ln(p99) -
   * ln(p50)) / 2.3263 (the standard normal's 99th percentile).
   */
  record LogNormal(double p50, double p99) implements Distribution {
    private static final double Z99 = 2.326347874;

    public LogNormal {
      if (!(p50 > 0) || !(p99 >= p50) || Double.isInfinite(p99)) {
        throw new IllegalArgumentException(
            "lognormal distribution: need 0 < p50 <= p99, was p50=" + p50 + " p99=" + p99);
      }
    }

    @Override
    public double sample(RandomGenerator random) {
      double sigma = (Math.log(p99) - Math.log(p50)) / Z99;
      return Math.exp(Math.log(p50) + sigma * random.nextGaussian());
    }

    @Override
    public double median() {
      return p50;
    }
  }
}
