package io.chorus.providers.internal;

/** Where a {@link StreamDecoder} sends deltas as it decodes them. */
public interface DeltaSink {
  void text(String delta);

  void reasoning(String delta);
}
