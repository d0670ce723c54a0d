package io.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.batch.BatchSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example against the in-process simulator (no keys in its environment). */
class JournaledVotesTest {

  @TempDir Path dir;

  @Test
  void aJournaledBatchOfVotesWritesItsOutputMetricsAndAnHtmlReport() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    BatchSummary first = JournaledVotes.run(dir, Map.of(), meters);
    assertThat(first.succeeded()).isEqualTo(3);
    assertThat(first.failed()).isZero();
    assertThat(Files.readAllLines(dir.resolve("out.jsonl")))
        .hasSize(3)
        .allMatch(l -> l.contains("\"kind\":\"vote\""));
    assertThat(meters.find("chorus.call.latency").timer()).isNotNull();
    assertThat(meters.find("chorus.call.latency").timer().count())
        .as("3 samples x 3 items")
        .isEqualTo(9);
    String html = Files.readString(dir.resolve("votes.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").containsIgnoringCase("synthetic");

    BatchSummary again = JournaledVotes.run(dir, Map.of(), new SimpleMeterRegistry());
    assertThat(again.alreadyDone())
        .as("a second run finds every item done in the journal")
        .isEqualTo(3);
  }

  @Test
  void theExampleRunsWithoutTheCommandLineOnItsClassPath() {
    assertThatThrownBy(() -> Class.forName("io.chorus.cli.Main"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
