package io.chorus.deliberation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/** Makes {@code collab_YYYYMMDD_HHMMSS_xxxx} ids (UTC, four random lower-case hex digits). */
final class CorrelationIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  private CorrelationIds() {}

  static String collab(Instant at, RandomGenerator random) {
    return "collab_" + STAMP.format(at) + "_" + String.format("%04x", random.nextInt(0x10000));
  }
}
