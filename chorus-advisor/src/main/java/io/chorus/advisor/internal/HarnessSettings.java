package io.chorus.advisor.internal;

import java.time.Duration;
import java.util.List;

/**
 * How the approaches are sized.
 *
 * @param poolSize platform threads of the bounded pool, and of the hybrid's CPU pool
 * @param processes child JVMs of the processes approach
 * @param maxConcurrency the virtual threads' Semaphore permits; 0 = one virtual thread per task,
 *     unbounded
 * @param javaCommand how to start a child JVM up to the main class: java binary, -cp, classpath
 * @param sampleEvery memory sampling period
 */
public record HarnessSettings(
    int poolSize,
    int processes,
    int maxConcurrency,
    List<String> javaCommand,
    Duration sampleEvery) {
  public HarnessSettings {
    javaCommand = List.copyOf(javaCommand);
  }
}
