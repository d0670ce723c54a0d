package io.chorus.cli;

import io.chorus.batch.JournalException;
import io.chorus.store.postgres.PostgresLocation;
import io.chorus.store.postgres.PostgresStore;

/**
 * Opening the shared store named by {@code --store} or {@code store:}, with the CLI's exit codes.
 */
final class SharedStoreOptions {

  private SharedStoreOptions() {}

  /**
   * The store when {@code location} is a {@code postgresql://} URL, else null; exit 2 for a bad
   * URL, 3 when unusable.
   */
  static PostgresStore openIfPostgres(ChorusSubcommand cmd, String location) {
    if (!PostgresLocation.isPostgres(location)) {
      return null;
    }
    return open(cmd, location);
  }

  /** The store at {@code location} (required: {@code --store} or {@code store:} in chorus.yaml). */
  static PostgresStore open(ChorusSubcommand cmd, String location) {
    if (location == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "name the shared store: --store postgresql://HOST[:PORT]/DB (or store: in chorus.yaml)");
    }
    PostgresLocation loc;
    try {
      loc = PostgresLocation.parse(location, cmd.ctx().env(), cmd.ctx().home());
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--store: " + e.getMessage());
    }
    try {
      return PostgresStore.open(loc);
    } catch (JournalException e) {
      throw new CliException(ExitCodes.CONFIG, e.getMessage(), e);
    }
  }

  /**
   * Makes the progress line of {@code obs} show the batch's items as the store counts them, across
   * every worker ({@link io.chorus.observe.ProgressListener#countItemsFrom}), read at most every
   * two seconds: the numbers of {@code chorus batch status}. Nothing when there is no progress
   * line.
   */
  static void progressFromStore(Observation obs, PostgresStore shared, String batchId) {
    if (obs.progress() == null) {
      return;
    }
    io.chorus.store.postgres.SharedBatches batches =
        new io.chorus.store.postgres.SharedBatches(shared);
    obs.progress()
        .countItemsFrom(
            () -> {
              io.chorus.store.postgres.BatchProgress p = batches.counts(batchId);
              return new io.chorus.observe.ItemProgress(
                  p.total(), p.done(), p.failed(), p.inFlight(), p.perMinute(), p.eta());
            },
            java.time.Duration.ofSeconds(2));
  }

  /** {@code --store-deadline}: how long a shared store may be down mid-run (default 60 s). */
  static java.time.Duration deadline(String option) {
    if (option == null) {
      return java.time.Duration.ofSeconds(60);
    }
    try {
      return io.chorus.config.DurationText.parse(option);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--store-deadline: " + e.getMessage());
    }
  }

  /**
   * Items a worker of this process runs at once: {@code --concurrency}, else defaults.concurrency,
   * else 8.
   */
  static int concurrency(ChorusSubcommand cmd, Integer option) {
    if (option != null) {
      return option;
    }
    Integer configured = cmd.config().config().defaults().concurrency();
    return configured != null && configured > 0 ? configured : 8;
  }

  /**
   * Shares the engine's per-minute limits and 429 pauses with every process on {@code store}: one
   * budget per provider (or model) and API key, the key known by a digest only.
   */
  static void shareLimits(
      ChorusSubcommand cmd, io.chorus.core.Engine.Builder b, PostgresStore store) {
    java.util.Map<String, String> env = cmd.ctx().env();
    b.sharedLimiter(
        io.chorus.store.postgres.PostgresRateLimits.on(
            store,
            provider ->
                cmd.config()
                    .config()
                    .apiKey(provider, env)
                    .map(SharedStoreOptions::digest)
                    .orElse("")));
  }

  private static String digest(String key) {
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code --store}, else {@code store:} from chorus.yaml. */
  static String location(ChorusSubcommand cmd, String option) {
    return option != null ? option : cmd.config().config().store();
  }
}
