package io.chorus.advisor;

import io.chorus.advisor.internal.Json;
import java.util.Map;

/**
 * A unit of benchmarkable work: {@link #tasks()} independent tasks, each made of an optional
 * waiting part ({@link #fetch}) and a computing part ({@link #compute}). The harness runs the same
 * tasks under every {@link Approach}; the hybrid approach runs {@code fetch} on virtual threads and
 * {@code compute} on a bounded pool, the others run both parts on the same thread.
 *
 * <p>Implementations must be safe to call from many threads at once (different task indexes). A
 * user workload is a public class with a public no-argument constructor; the {@link
 * Approach#PROCESSES} approach creates it again inside each child JVM from {@link #childSpec()}.
 */
public interface Workload extends AutoCloseable {
  /** Short name for tables, e.g. {@code cpu-sqrt}. */
  String name();

  /** What the workload spends its time on; the advisor reads figures by this type. */
  WorkloadType type();

  /** How many independent tasks one run has. */
  int tasks();

  /**
   * The waiting part of task {@code index} (a call, a read); returns what {@link #compute} needs.
   * The default waits for nothing and returns null.
   */
  default Object fetch(int index) throws Exception {
    return null;
  }

  /** The computing part of task {@code index}, given what {@link #fetch} returned. */
  void compute(int index, Object fetched) throws Exception;

  /** One line describing the size of the work, for reports. */
  default String description() {
    return tasks() + " tasks of " + getClass().getName();
  }

  /**
   * How a child JVM re-creates this workload: a JSON object. The default names this class, which
   * then needs a public no-argument constructor.
   */
  default String childSpec() {
    return Json.write(Map.of("kind", "class", "class", getClass().getName()));
  }

  /** Releases what the workload holds (servers, clients). The default does nothing. */
  @Override
  default void close() {}
}
