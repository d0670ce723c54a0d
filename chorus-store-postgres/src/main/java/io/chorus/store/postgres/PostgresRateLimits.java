package io.chorus.store.postgres;

import io.chorus.batch.JournalException;
import io.chorus.core.Limits;
import io.chorus.core.SharedLimiter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits shared through a PostgreSQL store ({@link SharedLimiter}): every engine built with
 * {@code Engine.builder().sharedLimiter(PostgresRateLimits.on(store))}, in any process on any
 * machine, draws from one token bucket per provider or model and key, and a 429's retry-after
 * pauses that provider for all of them. Ten replicas of a service stay under one key's limit.
 *
 * <h2>The bucket</h2>
 *
 * The engine's own {@code RateBucket}, kept in a row: capacity {@code perMinute}, refilled
 * continuously, topped at {@code perMinute × (1 − 1%)} (the same headroom), and a reservation may
 * drive the level into debt, answered with the wait that pays it back, so callers wait their turn
 * without a queue. A reservation of one request and the token estimate is one statement ({@code
 * INSERT … ON CONFLICT DO UPDATE … RETURNING} over both rows, with the pause read in the same round
 * trip), serialized by the rows' locks; the refill uses the server's clock, so workers' clocks need
 * not agree. Reconciliation (tokens used versus estimated) and refunds are one update.
 *
 * <h2>Why not Bucket4j</h2>
 *
 * Bucket4j's PostgreSQL support ({@code bucket4j_jdk17-postgresql}) keeps a bucket in a row too,
 * but its API is try-consume or block-until-refilled; the engine needs what its local buckets do:
 * reserve into debt and be told the wait (so that the wait is the engine's, on its injected
 * sleeper, observable as a {@code rateLimitWait} event, cut short by cancellation or a deadline),
 * refund a reservation that never went out, reconcile the estimate with the real usage afterwards,
 * and a shared pause for a 429. Expressed as one SQL statement it is also one round trip per call,
 * where Bucket4j's compare-and-swap or select-for-update takes two or more.
 *
 * <h2>When the store fails</h2>
 *
 * A call never fails because of its limiter: a statement that fails logs once and the call is paced
 * alone at this limiter's rate ({@code 60 s / perMinute} per request), so a process that lost the
 * store slows to one process's share rather than storming the provider.
 */
public final class PostgresRateLimits implements SharedLimiter {

  private static final Logger log = LoggerFactory.getLogger(PostgresRateLimits.class);
  private static final double HEADROOM = 0.01;

  private final PostgresStore store;
  private final Function<String, String> keyId;
  private final AtomicBoolean warned = new AtomicBoolean();

  private PostgresRateLimits(PostgresStore store, Function<String, String> keyId) {
    this.store = store;
    this.keyId = keyId;
  }

  /** Limits shared by every process on {@code store}, one budget per limiter name. */
  public static PostgresRateLimits on(PostgresStore store) {
    return new PostgresRateLimits(Objects.requireNonNull(store, "store"), name -> "");
  }

  /**
   * Limits shared per limiter name and key: {@code keyId} maps a provider (or {@code
   * provider:model}) to an identifier of the API key it uses (a digest, never the key), so that
   * processes with different keys of one provider keep separate budgets.
   */
  public static PostgresRateLimits on(PostgresStore store, Function<String, String> keyId) {
    return new PostgresRateLimits(
        Objects.requireNonNull(store, "store"), Objects.requireNonNull(keyId, "keyId"));
  }

  @Override
  public Limit limit(String name, Limits limits) {
    String provider = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    String id = name + "|" + keyId.apply(provider);
    return new RowLimit(id, limits.requestsPerMinute(), limits.tokensPerMinute());
  }

  private final class RowLimit implements Limit {
    private final String id;
    private final double rpm;
    private final double tpm;

    RowLimit(String id, double rpm, double tpm) {
      this.id = id;
      this.rpm = rpm;
      this.tpm = tpm;
    }

    @Override
    public long reserve(long tokens) {
      try {
        return store.one(
            "reserving under the shared rate limits of " + id,
            c -> {
              StringBuilder values = new StringBuilder();
              if (rpm > 0) {
                values.append("(?, ?::float8, ?::float8, clock_timestamp())");
              }
              if (tpm > 0) {
                values
                    .append(values.isEmpty() ? "" : ", ")
                    .append("(?, ?::float8, ?::float8, clock_timestamp())");
              }
              String take =
                  values.isEmpty()
                      ? "SELECT 0::float8 AS wait WHERE false"
                      : "INSERT INTO rate_buckets AS b (bucket, per_minute, level, updated_at) VALUES "
                          + values
                          + " ON CONFLICT (bucket) DO UPDATE SET per_minute = EXCLUDED.per_minute, level = LEAST(EXCLUDED.per_minute * "
                          + (1 - HEADROOM)
                          + ", b.level + GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - b.updated_at))"
                          + " * EXCLUDED.per_minute / 60.0) - (EXCLUDED.per_minute * "
                          + (1 - HEADROOM)
                          + " - EXCLUDED.level),"
                          + " updated_at = clock_timestamp()"
                          + " RETURNING CASE WHEN b.level >= 0 THEN 0 ELSE -b.level * 60.0 / b.per_minute END AS wait";
              String sql =
                  "WITH t AS ("
                      + take
                      + ") SELECT COALESCE((SELECT MAX(wait) FROM t), 0),"
                      + " COALESCE((SELECT EXTRACT(EPOCH FROM paused_until - clock_timestamp()) FROM rate_pauses WHERE limiter = ?), 0)";
              try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = 1;
                if (rpm > 0) {
                  p.setString(i++, id + "|requests");
                  p.setDouble(i++, rpm);
                  p.setDouble(i++, rpm * (1 - HEADROOM) - 1);
                }
                if (tpm > 0) {
                  p.setString(i++, id + "|tokens");
                  p.setDouble(i++, tpm);
                  p.setDouble(i++, tpm * (1 - HEADROOM) - tokens);
                }
                p.setString(i, id);
                try (ResultSet rs = p.executeQuery()) {
                  rs.next();
                  double wait = Math.max(rs.getDouble(1), rs.getDouble(2));
                  return wait <= 0 ? 0L : (long) Math.ceil(wait * 1e9);
                }
              }
            });
      } catch (JournalException e) {
        failed(e);
        return rpm > 0 ? (long) (60e9 / rpm) : 0L;
      }
    }

    @Override
    public void adjust(long requests, long tokens) {
      try {
        store.one(
            "adjusting the shared rate limits of " + id,
            c -> {
              int n = 0;
              if (rpm > 0 && requests != 0) {
                n +=
                    PostgresStore.update(
                        c,
                        "UPDATE rate_buckets SET level = LEAST(per_minute * "
                            + (1 - HEADROOM)
                            + ", level + ?) WHERE bucket = ?",
                        (double) requests,
                        id + "|requests");
              }
              if (tpm > 0 && tokens != 0) {
                n +=
                    PostgresStore.update(
                        c,
                        "UPDATE rate_buckets SET level = LEAST(per_minute * "
                            + (1 - HEADROOM)
                            + ", level + ?) WHERE bucket = ?",
                        (double) tokens,
                        id + "|tokens");
              }
              return n;
            });
      } catch (JournalException e) {
        failed(e);
      }
    }

    @Override
    public void pauseFor(Duration d) {
      try {
        store.one(
            "pausing " + id + " for every process",
            c ->
                PostgresStore.update(
                    c,
                    "INSERT INTO rate_pauses AS p (limiter, paused_until) VALUES (?, clock_timestamp() + make_interval(secs => ?))"
                        + " ON CONFLICT (limiter) DO UPDATE SET paused_until = GREATEST(p.paused_until, EXCLUDED.paused_until)",
                    id,
                    d.toNanos() / 1e9));
      } catch (JournalException e) {
        failed(e);
      }
    }

    @Override
    public long pauseRemainingNanos() {
      try {
        return store.one(
            "reading the shared pause of " + id,
            c -> {
              try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT EXTRACT(EPOCH FROM paused_until - clock_timestamp()) FROM rate_pauses WHERE limiter = ?")) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                  return rs.next() && rs.getDouble(1) > 0
                      ? (long) Math.ceil(rs.getDouble(1) * 1e9)
                      : 0L;
                }
              }
            });
      } catch (JournalException e) {
        failed(e);
        return 0;
      }
    }
  }

  private void failed(JournalException e) {
    if (warned.compareAndSet(false, true)) {
      log.warn("shared rate limits unavailable, pacing this process alone: {}", e.getMessage());
    }
  }
}
