package io.chorus.batch.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The batch's output file, appended as items finish: lines are buffered (64 KiB) and {@link #flush}
 * writes and forces them, returning the length that a journal checkpoint may then record. A resumed
 * run opens it keeping the checkpointed length ({@link #open}) and appends the items the journal
 * holds after the checkpoint: whatever was written after the checkpoint, a line cut short included,
 * is cut off first.
 *
 * <p>Not thread-safe (the runner appends under its commit lock).
 */
public final class OutputLog implements AutoCloseable {

  private final Path file;
  private final FileChannel channel;
  private final boolean regular;
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  private long flushed;

  private OutputLog(Path file, FileChannel channel, boolean regular, long length) {
    this.file = file;
    this.channel = channel;
    this.regular = regular;
    this.flushed = length;
  }

  /**
   * Opens {@code file} keeping its first {@code keep} bytes; when it is shorter than that (deleted
   * or edited since the checkpoint), it is emptied and {@link #length} is 0, so the caller writes
   * every item again. A file that is not a regular file ({@code /dev/stdout}, a named pipe) is
   * written as a stream: nothing kept, nothing forced.
   */
  public static OutputLog open(Path file, long keep) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    FileChannel ch =
        FileChannel.open(
            abs, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (!Files.isRegularFile(abs)) {
        return new OutputLog(abs, ch, false, 0);
      }
      long keepBytes = ch.size() >= keep ? keep : 0;
      ch.truncate(keepBytes);
      ch.position(keepBytes);
      return new OutputLog(abs, ch, true, keepBytes);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  /** Appends one line (a newline is added). */
  public void append(String line) throws IOException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (buffer.remaining() < bytes.length + 1) {
      drain();
      if (buffer.capacity() < bytes.length + 1) {
        buffer = ByteBuffer.allocate(bytes.length + 1);
      }
    }
    buffer.put(bytes).put((byte) '\n');
  }

  private void drain() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      flushed += channel.write(buffer);
    }
    buffer.clear();
  }

  /**
   * Writes what is buffered and forces it to disk; returns the file's length, all of it durable.
   */
  public long flush() throws IOException {
    drain();
    if (regular) {
      channel.force(false);
    }
    return flushed;
  }

  /** The length written and buffered. */
  public long length() {
    return flushed + buffer.position();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }
}
