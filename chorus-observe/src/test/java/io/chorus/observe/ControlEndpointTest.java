package io.chorus.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.TimeSource;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.providers.AnthropicProvider;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control endpoint through the library API: a vote on a slow simulated model, read while it
 * runs over the Unix domain socket (what {@code chorus ps} and {@code chorus tree} read).
 */
class ControlEndpointTest {

  @TempDir Path tmp;

  @Test
  void aRunningVoteShowsItsTreeAndCountsOverAPrivateSocketRemovedOnClose() throws Exception {
    Path dir = tmp.resolve("control");
    try (Simulator sim =
        Simulator.builder()
            .seed(3)
            .model("slow", ModelBehaviour.builder().ttft(Duration.ofSeconds(2)).build())
            .start()) {
      ControlEndpoint control;
      CompletableFuture<VotingResult> vote;
      try (ControlEndpoint c = ControlEndpoint.open("moderation job", dir, TimeSource.system());
          Engine engine =
              Engine.builder()
                  .provider(
                      AnthropicProvider.builder()
                          .name("sim")
                          .baseUrl(sim.baseUrl())
                          .synthetic(true)
                          .build())
                  .limits("sim", Limits.concurrency(2))
                  .listener(c)
                  .build()) {
        control = c;
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
            .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c.socket())))
            .isEqualTo("rw-------");
        vote =
            CompletableFuture.supplyAsync(
                () ->
                    Voting.builder()
                        .model("sim:slow")
                        .prompt("Spam?")
                        .options("spam", "ham")
                        .voter(Voter.named("a"))
                        .voter(Voter.named("b"))
                        .voter(Voter.named("c"))
                        .build()
                        .run(engine));
        String pid = String.valueOf(ProcessHandle.current().pid());
        List<String> tree = awaitTree(dir, c.socket(), "in flight");
        assertThat(tree.get(0)).startsWith("run ").contains("(3 tasks, running");
        assertThat(tree).filteredOn(l -> l.strip().startsWith("call ")).hasSize(3);
        assertThat(tree)
            .filteredOn(l -> l.contains("in flight: attempt 1 (first) to sim:slow"))
            .hasSize(2); // the concurrency limit holds the third
        assertThat(tree).anyMatch(l -> l.strip().startsWith("attempt 1 (first) to sim:slow"));
        assertThat(tree).anyMatch(l -> l.contains(": queued for "));
        List<ControlEndpoint.ProcessStatus> ps = ControlEndpoint.list(dir);
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(ps.get(0).command()).isEqualTo("moderation job");
        assertThat(ps.get(0).runId()).startsWith("run_");
        assertThat(ps.get(0).inFlight()).isEqualTo(2);
        assertThat(ps.get(0).waiting()).isEqualTo(1);
        assertThat(pid).isNotEmpty();
        assertThat(vote.get().votes()).hasSize(3);
        ControlEndpoint.ProcessStatus after = c.status();
        assertThat(after.done()).isEqualTo(3);
        assertThat(after.inFlight()).isZero();
        assertThat(c.tree()).isEmpty();
      }
      assertThat(control.socket()).doesNotExist();
      assertThat(ControlEndpoint.list(dir)).isEmpty();
    }
  }

  @Test
  void aDirectoryOthersCanReadIsRefused() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> ControlEndpoint.open("x", open, TimeSource.system()))
        .hasMessageContaining("must belong to")
        .hasMessageContaining("rwx------ (it is ")
        .hasMessageContaining("rwxr-xr-x");
  }

  @Test
  void aSocketLeftByAGoneProcessIsSkippedAndRemoved() throws Exception {
    Path dir = tmp.resolve("control");
    try (ControlEndpoint c = ControlEndpoint.open("x", dir, TimeSource.system())) {
      assertThat(ControlEndpoint.list(dir)).hasSize(1);
    }
    Path stale = dir.resolve("999999999.sock");
    Files.writeString(stale, "");
    assertThat(ControlEndpoint.list(dir)).isEmpty();
    assertThat(stale).doesNotExist();
    assertThat(ControlEndpoint.tree(dir, "999999999")).isEmpty();
  }

  private static List<String> awaitTree(Path dir, Path socket, String needle) throws Exception {
    String id = socket.getFileName().toString().replace(".sock", "");
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> last = List.of();
    while (System.nanoTime() < end) {
      last = ControlEndpoint.tree(dir, id).orElseThrow();
      // the third voter's call appears once its task has started it (then it queues on the limit)
      if (String.join("\n", last).contains(needle)
          && last.stream().filter(l -> l.contains("in flight: attempt")).count() >= 2
          && last.stream().filter(l -> l.strip().startsWith("call ")).count() >= 3
          && last.stream().anyMatch(l -> l.contains(": queued for "))) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + needle + "' in the tree: " + last);
  }
}
