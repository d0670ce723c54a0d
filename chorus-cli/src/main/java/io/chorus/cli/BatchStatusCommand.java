package io.chorus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.batch.JournalException;
import io.chorus.config.DurationText;
import io.chorus.store.postgres.BatchProgress;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatch;
import io.chorus.store.postgres.SharedBatches;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chorus batch status}: progress of shared batches across every worker. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the progress of the batches in a shared store, across every worker: done, failed, in flight, expired",
      "leases (a killed worker's items, about to be taken over), pending, the rate over the last minute, the time left",
      "at that rate, and each worker's part with its last heartbeat."
    })
public final class BatchStatusCommand extends ChorusSubcommand {

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "The shared store: postgresql://HOST[:PORT]/DB (default: store: in chorus.yaml).")
  String store;

  @Option(
      names = "--batch",
      paramLabel = "ID",
      description = "Only this batch (default: every batch in the store).")
  String batch;

  @Override
  protected int execute() throws Exception {
    try (PostgresStore shared =
        SharedStoreOptions.open(this, SharedStoreOptions.location(this, store))) {
      SharedBatches batches = new SharedBatches(shared);
      List<SharedBatch> list = new ArrayList<>();
      if (batch != null) {
        list.add(
            batches
                .batch(batch)
                .orElseThrow(
                    () ->
                        new CliException(
                            ExitCodes.USAGE,
                            "no batch '" + batch + "' in " + shared.location().display())));
      } else {
        list.addAll(batches.all());
      }
      ObjectMapper json = io.chorus.common.internal.Json.MAPPER;
      if (list.isEmpty() && !global.json) {
        out().println("no batches in " + shared.location().display());
      }
      var array = json.createArrayNode();
      for (SharedBatch b : list) {
        BatchProgress p = batches.progress(b.batchId());
        if (global.json) {
          var node =
              array
                  .addObject()
                  .put("batch_id", p.batchId())
                  .put("total", p.total())
                  .put("done", p.done())
                  .put("failed", p.failed())
                  .put("in_flight", p.inFlight())
                  .put("expired", p.expired())
                  .put("pending", p.pending())
                  .put("per_minute", p.perMinute())
                  .put("complete", p.complete());
          if (p.eta() != null) {
            node.put("eta_seconds", p.eta().toSeconds());
          }
          var ws = node.putArray("workers");
          p.workers()
              .forEach(
                  w ->
                      ws.addObject()
                          .put("worker", w.worker())
                          .put("in_flight", w.inFlight())
                          .put("done", w.done())
                          .put("failed", w.failed())
                          .put("seconds_since_heartbeat", w.secondsSinceHeartbeat()));
          continue;
        }
        out()
            .println(
                "batch "
                    + b.batchId()
                    + ": "
                    + p.done()
                    + "/"
                    + p.total()
                    + " done, "
                    + p.failed()
                    + " failed, "
                    + p.inFlight()
                    + " in flight, "
                    + p.expired()
                    + " expired lease(s), "
                    + p.pending()
                    + " pending; "
                    + p.perMinute()
                    + " item(s)/min, "
                    + (p.complete()
                        ? "complete"
                        : p.eta() == null
                            ? "ETA unknown (nothing finished in the last minute)"
                            : "ETA " + DurationText.format(p.eta())));
        for (BatchProgress.WorkerProgress w : p.workers()) {
          out()
              .println(
                  "  worker "
                      + w.worker()
                      + ": "
                      + w.inFlight()
                      + " in flight, "
                      + w.done()
                      + " done, "
                      + w.failed()
                      + " failed"
                      + (w.secondsSinceHeartbeat() < 0
                          ? ""
                          : ", last heartbeat " + w.secondsSinceHeartbeat() + "s ago"));
        }
      }
      if (global.json) {
        out().println(array.toString());
      }
      return ExitCodes.OK;
    } catch (JournalException e) {
      throw new CliException(ExitCodes.STORE_FAILED, e.getMessage(), e);
    }
  }
}
