package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testing.net.OutboundGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With only the simulator configured (no keys), the README's main command, a security review and a
 * translation vote run through {@code Main} under {@link OutboundGuard}, which sees every TCP
 * connect, datagram and DNS lookup of the JVM and refuses those not to 127.0.0.0/8 or ::1 before
 * they are sent. Its positive control is {@code OutboundGuardTest} (chorus-testing): a connect to a
 * TEST-NET address through each JDK path is refused and named.
 */
class NothingLeavesTheMachineTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void theReadmesMainCommandAReviewAndATranslationVoteTalkOnlyToLoopback() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.copy(EXAMPLES.resolve("review/src/login.py"), src.resolve("login.py"));
    try (OutboundGuard guard = OutboundGuard.start()) {
      CliRun deliberate =
          CliRun.run(
              dir,
              Map.of(),
              "deliberate",
              "List 3 benefits of async programming in Python",
              "--model",
              "anthropic:claude-sonnet-4-5",
              "--model",
              "xai:grok-4",
              "--rounds",
              "3",
              "--converge",
              "0.95",
              "--sim-config",
              EXAMPLES.resolve("deliberation/async-benefits.sim.yaml").toString(),
              "--out",
              "plan.md");
      assertThat(deliberate.exitCode).as(deliberate.toString()).isZero();
      CliRun review =
          CliRun.run(
              dir,
              Map.of(),
              "review",
              "src",
              "--threshold",
              "2",
              "--sarif",
              "out.sarif",
              "--out",
              "review.md",
              "--sim-config",
              EXAMPLES.resolve("review/reviewers.sim.yaml").toString());
      assertThat(review.exitCode).as(review.toString()).isZero();
      CliRun translate =
          CliRun.run(
              dir,
              Map.of(),
              "run",
              EXAMPLES.resolve("patterns/translate.yaml").toString(),
              "--sim-config",
              EXAMPLES.resolve("patterns/translate.sim.yaml").toString());
      assertThat(translate.exitCode).as(translate.toString()).isZero();

      assertThat(guard.attempts())
          .as("the simulator was reached: the guard sees these runs' connects")
          .anyMatch(a -> a.kind().equals("connect") && a.target().startsWith("127.0.0.1:"));
      guard.assertNothingLeftTheMachine();
    }
  }
}
