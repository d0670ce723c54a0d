package io.chorus.providers.internal;

/** Decodes one protocol's SSE events into deltas and a final {@link Answer}. Not thread-safe. */
public interface StreamDecoder {

  /**
   * Handles one event.
   *
   * @return true when this was the stream's final event
   * @throws WireException for an error event or an event that does not decode
   */
  boolean accept(SseEvent event, DeltaSink sink) throws WireException;

  /**
   * Whether a stop reason has been seen, so that an end of stream without the final event is
   * tolerable.
   */
  boolean stopped();

  /** The answer so far. */
  Answer answer();
}
