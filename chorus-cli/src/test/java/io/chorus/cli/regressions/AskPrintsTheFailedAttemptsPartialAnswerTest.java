package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliContext;
import io.chorus.cli.Main;
import io.chorus.core.TimeSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "chorus ask printed half an answer, then the whole answer again right after it, as if the model
 * had stuttered." A stream that broke mid-way was retried, and the retry's text was appended to the
 * first attempt's partial text with nothing in between. Now the engine tells the observer that the
 * answer restarted: a terminal shows a notice on stderr and then the whole new answer; a file or
 * pipe gets only the final answer.
 */
class AskPrintsTheFailedAttemptsPartialAnswerTest {
  static final String ANSWER =
      "The meaning of life is forty-two, said the computer after a long pause.";

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run ask(boolean terminal) throws Exception {
    Files.writeString(
        dir.resolve("sim.yaml"),
        """
        faults:
          - {kind: mid_stream_error, onRequests: [1]}
        rules:
          - match: {userContains: "meaning"}
            text: "%s"
        """
            .formatted(ANSWER));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of("CHORUS_RETRIES", "2"),
            dir,
            dir.resolve("home"),
            TimeSource.system(),
            terminal);
    int code =
        Main.run(
            ctx,
            "ask",
            "what is the meaning of life?",
            "--model",
            "sim:instant",
            "--sim-config",
            "sim.yaml",
            "--no-progress");
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aTerminalSeesANoticeAndThenTheWholeNewAnswer() throws Exception {
    Run r = ask(true);
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err())
        .contains("chorus: the answer restarted (retry 2 after ")
        .contains("the text above is void, the whole answer follows");
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(ANSWER)
        .startsWith(lines[0])
        .isNotEqualTo(lines[0]); // the void partial text, on its own line
    assertThat(lines[1]).isEqualTo(ANSWER);
  }

  @Test
  void aFileOrPipeGetsOnlyTheFinalAnswer() throws Exception {
    Run r = ask(false);
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(ANSWER + "\n");
    assertThat(r.err()).contains("chorus: the answer restarted (retry 2 after ");
  }
}
