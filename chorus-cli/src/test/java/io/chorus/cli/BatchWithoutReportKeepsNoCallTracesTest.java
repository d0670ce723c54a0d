package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.TimeSource;
import io.chorus.observe.TraceRecorder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Regression (kept beside {@link Observation}, whose listeners it reads): a million-line {@code
 * chorus batch} under {@code -Xmx256m} filled the heap at 250,000 items with one {@code CallTrace}
 * per call (372,278 of them, and 1.7 million {@code Instant}s, in a class histogram), recorded for
 * an HTML report nobody had asked for. The trace recorder now hangs on the engine only with {@code
 * --report}.
 */
class BatchWithoutReportKeepsNoCallTracesTest {

  @TempDir Path dir;

  private Observation observation(String... args) {
    CliContext ctx =
        new CliContext(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Map.of(),
            dir,
            dir.resolve("home"),
            TimeSource.system(),
            false);
    CommandLine cl = Main.commandLine(ctx);
    var parsed = cl.parseArgs(args);
    BatchCommand batch = (BatchCommand) parsed.subcommand().commandSpec().userObject();
    return new Observation(batch, batch.run, "batch", false);
  }

  @Test
  void noTraceRecorderWithoutReport() {
    assertThat(observation("batch", "in.jsonl", "--out", "out.jsonl").listeners())
        .noneMatch(l -> l instanceof TraceRecorder);
    assertThat(
            observation("batch", "in.jsonl", "--out", "out.jsonl", "--report", "r.html")
                .listeners())
        .anyMatch(l -> l instanceof TraceRecorder);
  }
}
