package io.chorus.advisor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The ways to run many tasks on the JVM that the advisor chooses between and the harness measures.
 */
public enum Approach {
  /** One task after another on the calling thread: the baseline every other approach must beat. */
  SEQUENTIAL("sequential", "Sequential (one task at a time)"),
  /** One virtual thread per task, with a {@code Semaphore} when a limit applies. */
  VIRTUAL_THREADS("virtual-threads", "Virtual threads (one per task; Semaphore for limits)"),
  /** A fixed-size pool of platform threads ({@code Executors.newFixedThreadPool}). */
  BOUNDED_PLATFORM_POOL("platform-pool", "Bounded platform thread pool"),
  /** The common ForkJoinPool through parallel streams. */
  FORK_JOIN("fork-join", "ForkJoinPool / parallel streams"),
  /** Separate child JVMs, one per core, each running its share of the tasks. */
  PROCESSES("processes", "Separate processes (child JVMs)"),
  /**
   * Virtual threads for the I/O part plus a bounded platform pool (one thread per core) for the CPU
   * part.
   */
  HYBRID("hybrid", "Hybrid: virtual threads for I/O + bounded pool for CPU");

  private final String id;
  private final String title;

  Approach(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** Short id used in JSON and tables, e.g. {@code virtual-threads}. */
  @JsonValue
  public String id() {
    return id;
  }

  /** Human title. */
  public String title() {
    return title;
  }

  /** Parses an id ({@code virtual-threads}) or constant name ({@code VIRTUAL_THREADS}). */
  public static Approach parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Approach a : values()) {
      if (a.id.equals(t) || a.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(t)) return a;
    }
    throw new IllegalArgumentException("unknown approach \"" + text + "\"");
  }
}
