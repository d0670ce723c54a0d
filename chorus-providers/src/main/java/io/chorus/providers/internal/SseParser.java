package io.chorus.providers.internal;

import java.io.IOException;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads server-sent events from a blocking source, following the WHATWG "event stream
 * interpretation" rules: lines end in CRLF, LF or CR; a leading BOM is skipped; lines starting with
 * {@code :} are comments; {@code data:} lines accumulate joined by LF; one optional space after the
 * colon is removed; a blank line dispatches; an event without data is not dispatched; an event cut
 * off by the end of the stream is discarded.
 *
 * <p>Hand-written rather than okhttp-sse because okhttp-sse's public API is asynchronous (an {@code
 * EventSource} driven by dispatcher threads and callbacks) while Chorus reads on the caller's
 * virtual thread so that interrupts, timeouts and back-pressure stay on that thread; okhttp-sse's
 * blocking reader is an internal class. Not thread-safe: one parser per stream.
 */
public final class SseParser {
  private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");
  private static final ByteString BOM = ByteString.decodeHex("efbbbf");

  private final BufferedSource source;
  private final long maxEventBytes;
  private boolean started;
  private boolean afterCr;
  private String lastEventId = "";

  public SseParser(BufferedSource source) {
    this(source, BodyLimits.DEFAULT.maxEventBytes());
  }

  /**
   * A parser that throws {@link ResponseTooLargeException} for an event over {@code maxEventBytes}.
   */
  public SseParser(BufferedSource source, long maxEventBytes) {
    this.source = source;
    this.maxEventBytes = maxEventBytes;
  }

  /** The next event, or null at the end of the stream. Blocks until one is complete. */
  public SseEvent next() throws IOException {
    if (!started) {
      started = true;
      if (source.rangeEquals(0, BOM)) {
        source.skip(BOM.size());
      }
    }
    String type = null;
    StringBuilder data = null;
    long eventBytes = 0;
    while (true) {
      String line = readLine(maxEventBytes - eventBytes);
      eventBytes += line == null ? 0 : line.length() + 1;
      if (line == null) {
        return null;
      }
      if (line.isEmpty()) {
        if (data == null) {
          type = null;
          eventBytes = 0;
          continue;
        }
        return new SseEvent(
            type == null || type.isEmpty() ? "message" : type, data.toString(), lastEventId);
      }
      if (line.charAt(0) == ':') {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> type = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        case "id" -> {
          if (value.indexOf('\u0000') < 0) {
            lastEventId = value;
          }
        }
        default -> {
          // "retry" and unknown fields: ignored (we never reconnect a chat stream)
        }
      }
    }
  }

  /** The next line, or null at the end of the stream; one longer than {@code max} bytes throws. */
  private String readLine(long max) throws IOException {
    while (true) {
      long end = indexOfLineEnd(max);
      if (end < 0) {
        return null; // end of stream; a partial line is discarded
      }
      String line = source.readUtf8(end);
      byte terminator = source.readByte();
      if (afterCr) {
        afterCr = false;
        if (end == 0 && terminator == '\n') {
          continue; // the LF of a CRLF whose CR ended the previous line
        }
      }
      afterCr = terminator == '\r';
      return line;
    }
  }

  /** Buffers until a line end, but never more than {@code max} bytes of one line (or event). */
  private long indexOfLineEnd(long max) throws IOException {
    long from = 0;
    while (true) {
      long end = source.getBuffer().indexOfElement(LINE_ENDS, from);
      if (end >= 0) {
        if (end > max) {
          throw new ResponseTooLargeException("server-sent event", maxEventBytes);
        }
        return end;
      }
      from = source.getBuffer().size();
      if (from > max) {
        throw new ResponseTooLargeException("server-sent event", maxEventBytes);
      }
      if (!source.request(from + 1)) {
        return -1;
      }
    }
  }
}
