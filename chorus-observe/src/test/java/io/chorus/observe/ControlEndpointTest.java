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

  /**
   * A voter's task is in the tree before its call exists: queued in the vote before any task has
   * started, then started but not yet calling while the other two voters' calls are in flight. A
   * listener behind the endpoint holds the run at those two points (the gap a loaded machine opens
   * by itself between a task's start and its call).
   */
  @Test
  void aVotersTaskShowsInTheTreeBeforeItsCallStarts() throws Exception {
    Path dir = tmp.resolve("control");
    java.util.concurrent.CountDownLatch queuedSeen = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch releaseQueued = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch startedSeen = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch releaseStarted = new java.util.concurrent.CountDownLatch(1);
    io.chorus.core.EngineListener gate =
        new io.chorus.core.EngineListener() {
          @Override
          public void callQueued(io.chorus.core.CallEvent call) {
            if (call.request() == null && call.index() == 2) {
              queuedSeen.countDown();
              await(releaseQueued);
            }
          }

          @Override
          public void callAdmitted(io.chorus.core.CallEvent call) {
            if (call.request() == null && call.index() == 2) {
              startedSeen.countDown();
              await(releaseStarted);
            }
          }
        };
    try (Simulator sim =
            Simulator.builder()
                .seed(3)
                .model("slow", ModelBehaviour.builder().ttft(Duration.ofSeconds(2)).build())
                .start();
        ControlEndpoint c = ControlEndpoint.open("vote job", dir, TimeSource.system());
        Engine engine =
            Engine.builder()
                .provider(
                    AnthropicProvider.builder()
                        .name("sim")
                        .baseUrl(sim.baseUrl())
                        .synthetic(true)
                        .build())
                .listener(c)
                .listener(gate)
                .build()) {
      CompletableFuture<VotingResult> vote =
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
      try {
        assertThat(queuedSeen.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        List<String> queued = c.tree();
        assertThat(queued.get(0)).startsWith("run vote:").contains("(3 tasks, running");
        assertThat(queued)
            .as(String.join("\n", queued))
            .filteredOn(l -> l.matches("  task run_\\S+/[012]: queued for \\d+ ms"))
            .hasSize(3);
        assertThat(queued).noneMatch(l -> l.contains("call ") || l.contains("attempt"));
        releaseQueued.countDown();

        assertThat(startedSeen.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        List<String> started = awaitLines(c, 2, "in flight: attempt 1 (first) to sim:slow");
        assertThat(started)
            .as(String.join("\n", started))
            .filteredOn(l -> l.matches("  task run_\\S+/2: running, no call in flight for \\d+ ms"))
            .hasSize(1);
        assertThat(started).filteredOn(l -> l.strip().startsWith("task ")).hasSize(1);
        assertThat(started).filteredOn(l -> l.strip().startsWith("call ")).hasSize(2);
      } finally {
        releaseQueued.countDown();
        releaseStarted.countDown();
      }
      assertThat(vote.get().votes()).hasSize(3);
      assertThat(c.tree()).isEmpty();
    }
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The tree once {@code needle} is on {@code count} of its lines. */
  private static List<String> awaitLines(ControlEndpoint c, int count, String needle)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> last = List.of();
    while (System.nanoTime() < end) {
      last = c.tree();
      if (last.stream().filter(l -> l.contains(needle)).count() >= count) {
        return last;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("not " + count + " lines with '" + needle + "': " + last);
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
