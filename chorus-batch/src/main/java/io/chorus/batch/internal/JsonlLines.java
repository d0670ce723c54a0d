package io.chorus.batch.internal;

import java.io.BufferedInputStream;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Reads a JSONL file one line at a time, as bytes, so that a line that is not valid UTF-8 is
 * reported with its number instead of aborting the whole file (what {@code BufferedReader} with a
 * strict decoder does), a UTF-8 byte-order mark on the first line is dropped, and the whole file's
 * SHA-256 is computed on the way. {@code \r\n} line ends are accepted.
 *
 * <p>Not thread-safe; holds one line at a time.
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
  private final MessageDigest digest;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf = new byte[8192];
  private int number;
  private boolean eof;

  public JsonlLines(Path file) throws IOException {
    this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next line, or null at the end of the file. */
  public Line next() throws IOException {
    if (eof) {
      return null;
    }
    int len = 0;
    boolean tooLong = false;
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      digest.update((byte) b);
      if (len == buf.length) {
        if (buf.length >= MAX_LINE_BYTES) {
          tooLong = true;
          continue;
        }
        buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, buf.length * 2));
      }
      buf[len++] = (byte) b;
    }
    if (b == -1) {
      eof = true;
      if (len == 0 && !tooLong) {
        return null;
      }
    } else {
      digest.update((byte) '\n');
    }
    number++;
    if (tooLong) {
      return new Line(number, null, "line longer than " + (MAX_LINE_BYTES >> 20) + " MiB");
    }
    int start = 0;
    if (number == 1 && len >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
      start = 3; // a UTF-8 byte-order mark
    }
    if (len > start && buf[len - 1] == '\r') {
      len--;
    }
    try {
      CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(buf, start, len - start));
      return new Line(number, chars.toString(), null);
    } catch (CharacterCodingException e) {
      return new Line(number, null, "not valid UTF-8 (" + e.getMessage() + ")");
    }
  }

  /** The SHA-256 of every byte read so far, hex (the whole file's once {@link #next} returned null). */
  public String sha256() {
    try {
      MessageDigest copy = (MessageDigest) digest.clone();
      return java.util.HexFormat.of().formatHex(copy.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
