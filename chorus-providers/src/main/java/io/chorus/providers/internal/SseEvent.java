package io.chorus.providers.internal;

/**
 * One dispatched server-sent event.
 *
 * @param type the {@code event:} field, or {@code message} when none was given (as the spec says)
 * @param data the {@code data:} lines joined with LF
 * @param id the last event id seen on the stream, or the empty string
 */
public record SseEvent(String type, String data, String id) {}
