package io.chorus.gateway.internal;

import java.util.function.Consumer;

/**
 * Where a running workflow's progress goes. The engine runs a workflow's calls on virtual threads
 * started (directly or through nested fan-outs) by the request's own thread, and those inherit this
 * value, so the gateway's one engine listener can tell which request a finished call belongs to
 * without the patterns knowing about requests.
 */
public final class Progress {

  private static final InheritableThreadLocal<Consumer<String>> CURRENT =
      new InheritableThreadLocal<>();

  private Progress() {}

  /** Runs {@code work} with {@code sink} receiving one line per finished call. */
  public static <T> T with(Consumer<String> sink, java.util.function.Supplier<T> work) {
    CURRENT.set(sink);
    try {
      return work.get();
    } finally {
      CURRENT.remove();
    }
  }

  /** Sends {@code line} to the current request's progress, if any. */
  public static void report(String line) {
    Consumer<String> sink = CURRENT.get();
    if (sink != null) {
      try {
        sink.accept(line);
      } catch (RuntimeException e) {
        // a listener must not throw into the engine
      }
    }
  }
}
