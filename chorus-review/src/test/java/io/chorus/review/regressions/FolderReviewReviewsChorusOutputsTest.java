package io.chorus.review.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.review.SourceFile;
import io.chorus.review.SourceSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A folder review must not review Chorus's own outputs ({@code --out}, {@code --sarif}, {@code
 * --json} files, {@code .chorus/})": {@code chorus review . --out review.md} reviewed the report of
 * its previous run, and the batch journal under {@code .chorus/}.
 */
class FolderReviewReviewsChorusOutputsTest {
  @TempDir Path dir;

  @Test
  void outputsJournalsAndEarlierReportsAreSkippedAndSaySo() throws Exception {
    Files.writeString(dir.resolve("app.py"), "print('hi')\n");
    Files.writeString(dir.resolve("review.json"), "{\"degraded\": false}\n");
    Files.writeString(dir.resolve("out.sarif"), "{}\n");
    Files.createDirectories(dir.resolve(".chorus"));
    Files.writeString(dir.resolve(".chorus/notes.txt"), "journal\n");
    Files.writeString(dir.resolve("old-review.md"), "# Security Code Review\n\n| | |\n");
    Files.writeString(dir.resolve("run.md"), "# Chorus run: review\n");

    SourceSet s =
        SourceSet.read(dir, List.of("."), List.of(Path.of("review.json"), Path.of("out.sarif")));

    assertThat(s.files()).extracting(SourceFile::path).containsExactly("app.py");
    assertThat(s.skipped())
        .contains(
            "review.json: an output of this run",
            "out.sarif: an output of this run",
            ".chorus/: Chorus's own state (batch journal, caches)",
            "old-review.md: a Chorus report (an earlier run's output)",
            "run.md: a Chorus report (an earlier run's output)");
  }
}
