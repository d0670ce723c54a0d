package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.ChorusProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the test command started in the background ({@code nohup ./mvnw verify &}) failed every
 * case of {@link SigintLosesWhatWasPaidTest}: a non-interactive shell starts background jobs with
 * SIGINT ignored, the test's child JVMs inherited that, and a JVM started with SIGINT ignored never
 * installs its handler, so {@code kill -INT} reached no Chorus code (exit -1 after 30 s, or 0 after
 * the whole batch). {@link ChorusProcess#command} now resets SIGINT for the child. Here the parent
 * of the child ignores SIGINT on purpose ({@code trap '' INT}) and a Ctrl-C must still end {@code
 * chorus sim} with 130.
 */
@Timeout(value = 120)
class CtrlCTestsRunUnderAParentThatIgnoresSigintTest {

  @TempDir Path dir;

  @Test
  void aChildOfAShellThatIgnoresSigintStillEndsOnCtrlC() throws Exception {
    Files.createDirectories(dir.resolve("home"));
    String chorus =
        ChorusProcess.command("sim", "--port", "0").stream()
            .map(a -> "'" + a.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", "trap '' INT; exec " + chorus));
    ChorusProcess p = ChorusProcess.start(dir, Map.of(), "sim", cmd);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!p.out().contains("listening on") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.out()).as(p.err()).contains("listening on");
    p.interrupt();
    assertThat(p.waitFor(Duration.ofSeconds(30))).as(p.err()).isEqualTo(130);
  }
}
