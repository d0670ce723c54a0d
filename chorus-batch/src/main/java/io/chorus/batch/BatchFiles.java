package io.chorus.batch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of a batch run.
 *
 * @param input the JSONL input
 * @param out the output: one line per item that succeeded, appended as items finish
 * @param deadLetters items that failed for good (rewritten from the journal at the end of a run)
 * @param rejects unusable input lines (rewritten at the start of a run)
 * @param spill responses and items the journal could not take (disk full), imported by the next run
 */
public record BatchFiles(Path input, Path out, Path deadLetters, Path rejects, Path spill) {

  public BatchFiles {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(rejects, "rejects");
    Objects.requireNonNull(spill, "spill");
  }

  /**
   * The usual names beside {@code out}: {@code out.jsonl} gives {@code out.dead.jsonl}, {@code
   * out.rejects.jsonl} and {@code out.jsonl.spill}.
   */
  public static BatchFiles of(Path input, Path out) {
    return new BatchFiles(
        input,
        out,
        sibling(out, ".dead.jsonl"),
        sibling(out, ".rejects.jsonl"),
        out.resolveSibling(out.getFileName() + ".spill"));
  }

  public BatchFiles withDeadLetters(Path file) {
    return new BatchFiles(input, out, file, rejects, spill);
  }

  public BatchFiles withRejects(Path file) {
    return new BatchFiles(input, out, deadLetters, file, spill);
  }

  private static Path sibling(Path out, String suffix) {
    String name = out.getFileName().toString();
    String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    return out.resolveSibling(base + suffix);
  }
}
