package io.chorus.batch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a JSONL file one line at a time, as bytes, so that a line that is not valid UTF-8 is
 * reported with its number instead of aborting the whole file (what {@code BufferedReader} with a
 * strict decoder does), and a UTF-8 byte-order mark on the first line is dropped. {@code \r\n} line
 * ends are accepted. Lines are found by scanning a 64 KiB block for {@code '\n'}, not by a call per
 * byte, so a million lines read in well under a second.
 *
 * <p>Not thread-safe; holds one line (and one block) at a time.
 */
public final class JsonlLines implements AutoCloseable {

  /** Longer lines are rejected (and skipped) rather than read into memory. */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  /**
   * One line: its number, its text, or why it could not be decoded.
   *
   * @param number 1-based
   * @param text the decoded line, or null when {@code error} is set
   * @param error why the line is unusable, or null
   */
  public record Line(int number, String text, String error) {}

  private final InputStream in;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] block = new byte[1 << 16];
  private int pos;
  private int end;
  private byte[] line = new byte[8192];
  private int number;
  private boolean eof;

  public JsonlLines(Path file) throws IOException {
    this.in = Files.newInputStream(file);
  }

  /** The next line, or null at the end of the file. */
  public Line next() throws IOException {
    int len = 0;
    boolean tooLong = false;
    boolean newline = false;
    while (!newline) {
      if (pos == end) {
        if (eof) {
          break;
        }
        end = in.read(block, 0, block.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          eof = true;
          break;
        }
      }
      int stop = pos;
      while (stop < end && block[stop] != '\n') {
        stop++;
      }
      int n = stop - pos;
      if (!tooLong) {
        if (len + n > MAX_LINE_BYTES) {
          tooLong = true;
        } else {
          if (len + n > line.length) {
            line =
                Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, len + n)));
          }
          System.arraycopy(block, pos, line, len, n);
          len += n;
        }
      }
      newline = stop < end;
      pos = newline ? stop + 1 : stop;
    }
    if (!newline && len == 0 && !tooLong) {
      return null;
    }
    number++;
    if (tooLong) {
      return new Line(number, null, "line longer than " + (MAX_LINE_BYTES >> 20) + " MiB");
    }
    int start = 0;
    if (number == 1
        && len >= 3
        && (line[0] & 0xff) == 0xEF
        && (line[1] & 0xff) == 0xBB
        && (line[2] & 0xff) == 0xBF) {
      start = 3; // a UTF-8 byte-order mark
    }
    if (len > start && line[len - 1] == '\r') {
      len--;
    }
    try {
      CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(line, start, len - start));
      return new Line(number, chars.toString(), null);
    } catch (CharacterCodingException e) {
      return new Line(number, null, "not valid UTF-8 (" + e.getMessage() + ")");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
