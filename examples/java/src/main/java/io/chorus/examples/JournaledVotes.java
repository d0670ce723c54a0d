package io.chorus.examples;

import io.chorus.batch.BatchFiles;
import io.chorus.batch.BatchRunner;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalResponseCache;
import io.chorus.batch.JournalStore;
import io.chorus.config.ConfigLoader;
import io.chorus.config.ConfiguredEngine;
import io.chorus.config.LoadedConfig;
import io.chorus.core.ModelId;
import io.chorus.core.TimeSource;
import io.chorus.observe.MetricsListener;
import io.chorus.observe.TraceRecorder;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.report.Reports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A journaled batch of votes run from plain Java, with the library modules only (no chorus-cli):
 * every line of {@code in.jsonl} is classified by a 3-sample vote ({@code vote.yaml}), each
 * response is journaled in SQLite before its item counts as done (a second run answers from the
 * journal and pays for nothing twice), Micrometer records the calls, and the run's trace is written
 * as a self-contained HTML page.
 *
 * <p>Run it with {@code java io.chorus.examples.JournaledVotes DIR}: DIR holds {@code in.jsonl} and
 * {@code vote.yaml} (written with defaults when absent); the output, dead letters, journal and
 * {@code votes.html} are written there. The vote's model is {@code sim:instant}, the built-in
 * simulator, so answers are synthetic and the report says so.
 */
public final class JournaledVotes {

  /** The vote each line goes through. */
  static final String VOTE =
      """
      kind: vote
      name: spam
      model: sim:instant
      options: [spam, ham]
      samples: {count: 3, temperature: 0.8}
      """;

  private JournaledVotes() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    BatchSummary s = run(dir, System.getenv(), new SimpleMeterRegistry());
    System.out.println(
        "batch "
            + s.batchId()
            + ": "
            + s.succeeded()
            + " succeeded, "
            + s.failed()
            + " failed; report: "
            + dir.resolve("votes.html"));
  }

  /**
   * Runs the batch in {@code dir} with {@code env} as the environment (keys, {@code chorus.yaml}
   * overrides) and records metrics in {@code meters}.
   */
  public static BatchSummary run(Path dir, Map<String, String> env, SimpleMeterRegistry meters)
      throws IOException {
    Path in = dir.resolve("in.jsonl");
    Path spec = dir.resolve("vote.yaml");
    if (!Files.exists(spec)) {
      Files.writeString(spec, VOTE);
    }
    if (!Files.exists(in)) {
      Files.writeString(
          in,
          """
          {"custom_id": "m1", "prompt": "Is 'You won a free cruise, click here' spam?"}
          {"custom_id": "m2", "prompt": "Is 'Lunch at noon?' spam?"}
          {"custom_id": "m3", "prompt": "Is 'Your invoice is attached' spam?"}
          """);
    }
    BatchWorkflow workflow = BatchWorkflow.pattern(PatternSpecs.load(spec));
    LoadedConfig config =
        new ConfigLoader(env).load(null, dir, null); // dir/chorus.yaml when present
    String batchId = "votes";
    try (JournalStore journal = JournalStore.sqlite(dir.resolve("votes.journal.db"))) {
      journal.openBatch(batchId, in.toString(), workflow.describe());
      JournalResponseCache cache = new JournalResponseCache(journal, batchId, false);
      // sim:instant is the simulator whatever keys are set: the report is labelled synthetic
      TraceRecorder trace = new TraceRecorder("journaled votes", TimeSource.system(), true);
      BatchRunner runner =
          BatchRunner.builder()
              .journal(journal)
              .batchId(batchId)
              .workflow(workflow)
              .cache(cache)
              .files(BatchFiles.of(in, dir.resolve("out.jsonl")))
              .build();
      runner.plan(); // reads the input (a line at a time) and compares it with the journal
      BatchSummary summary;
      try (ConfiguredEngine session =
          ConfiguredEngine.open(
              config,
              List.of(ModelId.parse("sim:instant")),
              List.of(new MetricsListener(meters), trace),
              b -> b.cache(cache))) {
        summary = runner.run(session.engine());
      }
      Reports.write(trace.trace(), dir.resolve("votes.html"));
      return summary;
    }
  }
}
