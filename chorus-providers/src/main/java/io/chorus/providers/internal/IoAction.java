package io.chorus.providers.internal;

import java.io.IOException;

/** A blocking I/O step. */
@FunctionalInterface
public interface IoAction<T> {
  T run() throws IOException;
}
