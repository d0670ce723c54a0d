package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.batch.BatchItem;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.cli.CliRun;
import io.chorus.cli.TestBatches;
import io.chorus.core.ModelId;
import io.chorus.store.postgres.PostgresLocation;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.SharedWorkflows;
import io.chorus.store.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of {@code chorus worker} and {@code chorus batch --store postgresql://…} read
 * {@code 34/235} when 180 items were done: each item runs as an engine run of its own, and the line
 * counted the runs (only those started while no other was active, each adding one to the total). It
 * now counts the batch's items as the store does, across workers: every line's total is the
 * batch's, and the last says all of them are done, including those another worker finished.
 */
class SharedBatchProgressCountsRunsTest {

  @TempDir Path dir;

  static final Pattern LINE = Pattern.compile("(?m)^progress: (\\d+)/(\\d+) ");

  @Test
  void aWorkersProgressLineCountsTheBatchsItemsAcrossWorkers() throws Exception {
    int items = 30;
    int finishedElsewhere = 10;
    String url = TestPostgres.freshDatabase();
    List<BatchItem> batch = TestBatches.items("q", items);
    try (PostgresStore s = PostgresStore.open(PostgresLocation.parse(url, Map.of(), dir))) {
      SharedBatches batches = new SharedBatches(s);
      batches.submit(
          "shared",
          "call sim:instant",
          SharedWorkflows.call(ModelId.parse("sim:instant")),
          batch,
          false);
      // another worker finished a third of the batch before this one starts
      for (SharedBatches.Claim c :
          batches.claim("shared", "other/1/abcd", finishedElsewhere, Duration.ofMinutes(1))) {
        BatchItem item = c.item();
        s.journal()
            .finishItem(
                "shared",
                new ItemRecord(
                    0,
                    item.line(),
                    item.customId(),
                    item.content(),
                    ItemStatus.SUCCEEDED,
                    "{\"custom_id\": \"" + item.customId() + "\"}"));
        batches.finish(c, "other/1/abcd", true);
      }
    }
    CliRun r =
        CliRun.run(
            Files.createDirectories(dir.resolve("w")),
            Map.of(),
            "worker",
            "--store",
            url,
            "--concurrency",
            "4",
            "--lease",
            "5s");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertProgress(r, items);
  }

  @Test
  void aBatchOnASharedStoreCountsItsItemsOnce() throws Exception {
    int items = 30;
    Files.writeString(dir.resolve("in.jsonl"), TestBatches.jsonl("item-", items));
    CliRun r =
        CliRun.run(
            dir,
            Map.of(),
            "batch",
            "in.jsonl",
            "--out",
            "out.jsonl",
            "--model",
            "sim:instant",
            "--concurrency",
            "4",
            "--store",
            TestPostgres.freshDatabase());
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertProgress(r, items);
  }

  /** Every progress line's total is the batch's; the last line has every item done. */
  private static void assertProgress(CliRun r, int items) {
    Matcher m = LINE.matcher(r.err);
    List<String> lines = new ArrayList<>();
    String last = null;
    while (m.find()) {
      lines.add(m.group());
      assertThat(Integer.parseInt(m.group(2)))
          .as("total of %s in%n%s", m.group(), r.err)
          .isEqualTo(items);
      last = m.group(1);
    }
    assertThat(lines).as(r.err).isNotEmpty();
    assertThat(last).as("done on the last line of%n%s", r.err).isEqualTo(Integer.toString(items));
  }
}
