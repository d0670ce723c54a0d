package io.chorus.core.internal;

/** Unwinds a call when its {@link Control} was stopped; never escapes the engine. */
final class Stopped extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Stop stop;

  Stopped(Stop stop) {
    super(stop.reason(), null, false, false);
    this.stop = stop;
  }

  Stop stop() {
    return stop;
  }
}
