package io.chorus.batch.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a whole file through a temporary file in the same directory, renamed over it when
 * complete: a reader sees the old file or the new one, never half of one, and a write that fails
 * (disk full) deletes the temporary file and leaves the old file as it was.
 */
public final class AtomicFile {

  /**
   * Writes the content; returns whether the file is to be installed (false: the temporary file is
   * deleted).
   */
  public interface Content {
    boolean writeTo(Writer w) throws IOException;
  }

  private AtomicFile() {}

  /** Writes {@code file}; on failure deletes the temporary file and rethrows. */
  public static void write(Path file, Content content) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      boolean install;
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        install = content.writeTo(w);
      }
      if (install) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.delete(tmp);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
