package io.chorus.patterns.vote;

/**
 * Whether and how a vote stops early once its outcome is settled (see {@link Aggregator#settled}):
 * the winner, and the consensus flag, can no longer change whatever the remaining voters would
 * answer. Stopping early therefore never changes the outcome compared with running every voter; it
 * only saves calls, which the result reports.
 *
 * <ul>
 *   <li>{@link #OFF}: every voter runs.
 *   <li>{@link #cancelWhenSettled()}: every voter starts at once; when the outcome settles, the
 *       voters still queued or running are cancelled (their calls interrupted). Fastest; the calls
 *       saved depend on timing. Requires the {@code IGNORE} failure policy.
 *   <li>{@link #waves(int)}: voters start {@code size} at a time in declared order; no further wave
 *       starts once the outcome is settled. Slower, but the calls saved are deterministic. Works
 *       with every failure policy (each wave runs under it).
 * </ul>
 *
 * @param mode see above
 * @param waveSize voters per wave, for {@link Mode#WAVES}
 */
public record Adaptive(Mode mode, int waveSize) {

  /** How early stopping works. */
  public enum Mode {
    OFF,
    CANCEL,
    WAVES
  }

  public static final Adaptive OFF = new Adaptive(Mode.OFF, 0);

  public Adaptive {
    if (mode == Mode.WAVES && waveSize < 1) {
      throw new IllegalArgumentException(
          "adaptive waves: size must be at least 1, was " + waveSize);
    }
  }

  public static Adaptive cancelWhenSettled() {
    return new Adaptive(Mode.CANCEL, 0);
  }

  public static Adaptive waves(int size) {
    return new Adaptive(Mode.WAVES, size);
  }

  /** Parses {@code off}, {@code cancel} or {@code waves:N}. */
  public static Adaptive parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("off") || t.equals("false") || t.equals("none")) {
      return OFF;
    }
    if (t.equals("cancel") || t.equals("on") || t.equals("true")) {
      return cancelWhenSettled();
    }
    if (t.startsWith("waves")) {
      String n = t.substring(5).replaceFirst("^[:=\\s]+", "");
      try {
        return waves(n.isEmpty() ? 1 : Integer.parseInt(n));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "adaptive '" + text + "': wave size '" + n + "' is not a whole number");
      }
    }
    throw new IllegalArgumentException("adaptive '" + text + "': use off, cancel or waves:N");
  }

  @Override
  public String toString() {
    return switch (mode) {
      case OFF -> "off";
      case CANCEL -> "cancel";
      case WAVES -> "waves:" + waveSize;
    };
  }
}
