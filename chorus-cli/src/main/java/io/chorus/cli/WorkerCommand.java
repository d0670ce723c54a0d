package io.chorus.cli;

import io.chorus.batch.BatchItem;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalResponseCache;
import io.chorus.batch.JournalStore;
import io.chorus.config.ConfiguredEngine;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatch;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.SharedWorkflows;
import io.chorus.store.postgres.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chorus worker}: works on the batches of a shared store, beside any number of other
 * workers.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Work on the batches of a shared store (PostgreSQL) beside any number of other workers, on any machines.",
      "Claims items with leases (FOR UPDATE SKIP LOCKED), keeps them with a heartbeat, stores each response in the store",
      "before marking its item done. A killed worker loses nothing: its leases expire and other workers take its items",
      "over, answered from the store where their calls had answered. Exits once no batch has unfinished items.",
      "Providers, keys and limits come from this machine's chorus.yaml and environment."
    },
    footer = {
      "",
      "Examples:",
      "  chorus batch in.jsonl --out out.jsonl --store postgresql://db/chorus   # submits, and works on it",
      "  chorus worker --store postgresql://db/chorus --concurrency 16          # on other machines",
      "  chorus batch status --store postgresql://db/chorus"
    })
public final class WorkerCommand extends ChorusSubcommand {

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "The shared store: postgresql://HOST[:PORT]/DB (default: store: in chorus.yaml).")
  String store;

  @Option(
      names = "--batch",
      paramLabel = "ID",
      description =
          "Work on this batch only (default: every batch with unfinished items, oldest first).")
  String batch;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Items run at once by this worker (default: defaults.concurrency, else 8).")
  Integer concurrency;

  @Option(
      names = "--lease",
      paramLabel = "DURATION",
      description =
          "How long a claim lasts without a heartbeat (default 30s): how long a killed worker's items wait.")
  String lease;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "This worker's name in status (default: the host name); the process id is added.")
  String name;

  @Option(
      names = "--spill",
      paramLabel = "FILE",
      description = {
        "Where responses received while the store is down past --store-deadline are kept (default .chorus/worker.spill);",
        "a worker started with the same file imports it into the store first. One per worker in a shared directory."
      })
  String spill;

  @Option(
      names = "--store-deadline",
      paramLabel = "DURATION",
      description = {
        "How long the store may be down mid-run (default 60s): meanwhile no item is claimed and received responses",
        "are retried into it; past it they go to the --spill file and the worker exits 7."
      })
  String storeDeadline;

  @Option(
      names = "--no-cache",
      description =
          "Do not answer from responses stored by other batches (this batch's own still answer).")
  boolean noCache;

  @Mixin RunMixin run;

  @Override
  protected int execute() throws Exception {
    if (concurrency != null && concurrency <= 0) {
      throw new CliException(ExitCodes.USAGE, "--concurrency must be positive");
    }
    Duration ttl = lease == null ? Duration.ofSeconds(30) : parseDuration(lease);
    int n = SharedStoreOptions.concurrency(this, concurrency);
    try (PostgresStore shared =
        SharedStoreOptions.open(this, SharedStoreOptions.location(this, store))) {
      SharedBatches batches = new SharedBatches(shared);
      List<SharedBatch> todo = new ArrayList<>();
      if (batch != null) {
        todo.add(
            batches
                .batch(batch)
                .orElseThrow(
                    () ->
                        new CliException(
                            ExitCodes.USAGE,
                            "no batch '"
                                + batch
                                + "' in "
                                + shared.location().display()
                                + " (chorus batch status lists them)")));
      } else {
        todo.addAll(batches.open());
      }
      if (todo.isEmpty()) {
        notice("no batch with unfinished items in " + shared.location().display());
        return ExitCodes.OK;
      }
      Worker.Builder wb =
          Worker.builder()
              .store(shared)
              .concurrency(n)
              .leaseTtl(ttl)
              .spill(
                  spill != null
                      ? resolve(java.nio.file.Path.of(spill))
                      : ctx().cwd().resolve(".chorus").resolve("worker.spill"))
              .storeDeadline(SharedStoreOptions.deadline(storeDeadline));
      if (name != null) {
        // unique per process: a restarted worker must not renew the leases its killed predecessor
        // held
        wb.id(
            name
                + "/"
                + ProcessHandle.current().pid()
                + "/"
                + java.util.UUID.randomUUID().toString().substring(0, 4));
      }
      Worker worker = wb.build();
      int failed = 0;
      try (JournalStore journal = worker.journal()) {
        for (SharedBatch b : todo) {
          if (interrupted()) {
            break; // Ctrl-C: the batches after this one are left to other workers
          }
          JournalResponseCache cache = new JournalResponseCache(journal, b.batchId(), !noCache);
          BatchWorkflow workflow;
          try {
            workflow = SharedWorkflows.workflow(b.spec(), cache);
          } catch (IllegalArgumentException e) {
            throw new CliException(
                ExitCodes.CONFIG, "batch " + b.batchId() + ": " + e.getMessage());
          }
          List<ModelId> models = models(batches, b, workflow);
          Observation obs = new Observation(this, run, "worker " + b.batchId(), false);
          // each item is a run of its own here, and other workers finish the rest: the line counts
          // the batch's items from the store
          SharedStoreOptions.progressFromStore(obs, shared, b.batchId());
          Worker.Summary s;
          try (ConfiguredEngine session =
              ConfiguredEngine.open(
                  config(),
                  models,
                  obs.listeners(),
                  builder -> {
                    builder.cache(cache);
                    SharedStoreOptions.shareLimits(this, builder, shared);
                    models.stream()
                        .map(ModelId::provider)
                        .distinct()
                        .forEach(
                            p -> {
                              var configured = config().config().providers().get(p);
                              Limits base =
                                  configured != null && configured.limits() != null
                                      ? configured.limits().toLimits()
                                      : Limits.NONE;
                              builder.limits(p, base.withMaxConcurrency(n));
                            });
                  },
                  run.simConfig(this))) {
            if (session.notice() != null) {
              notice(session.notice());
            }
            notice(
                "worker "
                    + worker.id()
                    + " on batch "
                    + b.batchId()
                    + " ("
                    + b.total()
                    + " item(s), "
                    + b.workflow()
                    + ")");
            obs.start();
            // Ctrl-C stops this worker claiming and gives its calls in flight --grace to finish
            s = worker.run(interruptible(session.engine()), b.batchId(), workflow);
            obs.finish();
          }
          failed += s.failed();
          if (!global.quiet) {
            err()
                .println(
                    "worker "
                        + s.worker()
                        + ", batch "
                        + s.batchId()
                        + ": "
                        + s.succeeded()
                        + " succeeded, "
                        + s.failed()
                        + " failed, "
                        + s.takenOver()
                        + " taken over from expired leases"
                        + (s.released() > 0
                            ? ", " + s.released() + " given back unrun (budget reached)"
                            : "")
                        + (s.stopped() > 0
                            ? ", "
                                + s.stopped()
                                + " given back for another worker (interrupted before they"
                                + " finished)"
                            : "")
                        + "; "
                        + cache.hits()
                        + " call(s) answered from the store"
                        + (s.imported() > 0
                            ? "; "
                                + s.imported()
                                + " response(s) and item(s) imported from "
                                + worker.spillFile()
                            : ""));
          }
          if (s.storeFailure() != null) {
            throw new CliException(
                ExitCodes.STORE_FAILED,
                s.storeFailure()
                    + "; stopped claiming items: responses already"
                    + " stored stay in the store, and unfinished items run again once it is back"
                    + (s.spilled() > 0
                        ? " (a worker started with --spill " + worker.spillFile() + " imports them)"
                        : ""));
          }
        }
      }
      return failed == 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    } catch (JournalException e) {
      throw new CliException(ExitCodes.STORE_FAILED, e.getMessage(), e);
    }
  }

  private static List<ModelId> models(
      SharedBatches batches, SharedBatch b, BatchWorkflow workflow) {
    List<ModelId> models = new ArrayList<>();
    ModelId main = SharedWorkflows.callModel(b.spec());
    if (main != null) {
      models.add(main);
      for (String m : batches.modelsNamed(b.batchId())) {
        ModelId id = m.contains(":") ? ModelId.parse(m) : new ModelId(main.provider(), m);
        if (!models.contains(id)) {
          models.add(id);
        }
      }
    } else {
      workflow
          .patternFor(
              new BatchItem(
                  1, "probe", "", io.chorus.common.internal.Json.MAPPER.createObjectNode()))
          .ifPresent(p -> models.addAll(PatternModels.of(p)));
    }
    return models;
  }

  private static Duration parseDuration(String text) {
    try {
      return io.chorus.config.DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--lease: " + e.getMessage());
    }
  }
}
