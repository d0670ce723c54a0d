package io.chorus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchFiles;
import io.chorus.batch.BatchListener;
import io.chorus.batch.BatchPlan;
import io.chorus.batch.BatchRefusedException;
import io.chorus.batch.BatchRunner;
import io.chorus.batch.BatchState;
import io.chorus.batch.BatchSummary;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.JournalException;
import io.chorus.batch.JournalLockedException;
import io.chorus.batch.JournalResponseCache;
import io.chorus.batch.JournalStore;
import io.chorus.batch.JournalStores;
import io.chorus.batch.internal.Spill;
import io.chorus.common.internal.Json;
import io.chorus.config.ConfiguredEngine;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.patterns.spec.PatternSpec;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.spec.SpecException;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatches;
import io.chorus.store.postgres.SharedWorkflows;
import io.chorus.store.postgres.Worker;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chorus batch}: a workflow over every line of a JSONL file, durable and resumable. */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    subcommands = {BatchStatusCommand.class, BatchExportCommand.class},
    description = {
      "Run a call or a pattern over every line of a JSONL file; durable and resumable.",
      "Run a workflow over every line of a JSONL file, with a durable journal (SQLite, WAL) so that a killed run",
      "continues with --resume without paying again for calls already answered.",
      "Each line is {\"custom_id\": ..., \"prompt\": ...} or {\"custom_id\": ..., \"messages\": [{\"role\", \"content\"}]},",
      "optionally with system, model, max_tokens, temperature; the OpenAI Batch API shape (fields under \"body\") also works.",
      "Malformed lines go to the rejects file with their line numbers; items that fail for good go to the dead-letter file.",
      "The input is streamed and the output appended as items finish (in completion order, custom_id and line kept),",
      "so memory does not grow with the input. Exit code 1 when any item failed for good; 7 when the journal or the",
      "output failed mid-run (disk full): no more calls are admitted and responses are kept in OUT.spill for --resume;",
      "also 7 when the journal fails while the batch is planned, before any call (nothing paid)."
    },
    footer = {
      "",
      "Examples:",
      "  chorus batch in.jsonl --out out.jsonl --model sim:fast",
      "  chorus batch questions.jsonl --workflow moderation.voters.yaml --out decisions.jsonl",
      "  chorus batch in.jsonl --out out.jsonl --resume            # after a crash or kill",
      "  chorus batch in.jsonl --out out.jsonl --concurrency 32 --report batch.html"
    })
public final class BatchCommand extends ChorusSubcommand {

  // not required by picocli, so that 'batch status' and 'batch export' parse; execute() checks both
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "INPUT",
      description = "The JSONL input file.")
  Path input;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "The JSONL output file (one line per item that succeeded, custom_id kept).")
  Path out;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "PROVIDER:MODEL",
      description = "The model for lines that name none (default: defaults.model).")
  String model;

  @Option(
      names = {"-w", "--workflow"},
      paramLabel = "SPEC",
      description = {
        "Run this pattern spec (vote, sections, translate) over each line's 'input', 'prompt' or 'text' instead of one call."
      })
  Path workflowSpec;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description = "The journal database (default: .chorus/batch.db in the project directory).")
  Path journal;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description = {
        "Keep the journal in a shared store instead: postgresql://HOST[:PORT]/DB (default: store: in chorus.yaml).",
        "The password comes from CHORUS_STORE_PASSWORD, PGPASSWORD or ~/.pgpass, never from the command line."
      })
  String store;

  @Option(
      names = "--store-deadline",
      paramLabel = "DURATION",
      description = {
        "How long a shared store may be down mid-run (default 60s): meanwhile no item is claimed and received",
        "responses are retried into it; past it they are kept in OUT.spill and the run exits 7 (--resume imports it)."
      })
  String storeDeadline;

  @Option(
      names = "--resume",
      description = "Continue an unfinished run of this batch (same input and output).")
  boolean resume;

  @Option(
      names = "--restart",
      description =
          "Forget an earlier run of this batch and start over (stored responses still answer unless --no-cache).")
  boolean restart;

  @Option(
      names = "--rerun-changed",
      description = {
        "On --resume after the input changed (items keyed by custom_id and content): run exactly the changed and new",
        "items and drop the gone ones from the output. Without it such a resume is refused, naming the items."
      })
  boolean rerunChanged;

  @Option(
      names = "--skip-failed",
      description =
          "On --resume, keep items that failed for good in the dead letters (default: run them again).")
  boolean skipFailed;

  @Option(
      names = "--resubmit-failed",
      description = {
        "With --via batch-api: resume the batch and send only the items that failed (errored or expired at",
        "the provider, in the dead letters) again, in new provider batches. Without it a --via batch-api resume",
        "keeps them failed."
      })
  boolean resubmitFailed;

  @Option(
      names = "--no-cache",
      description =
          "Do not answer from responses stored by other runs (this run's own are still used to resume).")
  boolean noCache;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = "Where malformed lines go (default: OUT with .rejects.jsonl).")
  Path rejects;

  @Option(
      names = "--dead-letters",
      paramLabel = "FILE",
      description = "Where items that failed for good go (default: OUT with .dead.jsonl).")
  Path deadLetters;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Calls in flight at once for this run (overrides the configured limit).")
  Integer concurrency;

  @Mixin RunMixin run;

  @Override
  protected int execute() throws Exception {
    if (input == null || out == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "Missing required options and parameters: "
              + (input == null ? "'INPUT'" + (out == null ? ", " : "") : "")
              + (out == null ? "'--out=FILE'" : ""));
    }
    Path in = inputFile(input, "input file");
    Path outFile = resolve(out);
    if (java.nio.file.Files.isDirectory(outFile)) {
      // before any call: never pay for everything and then find nowhere to write it
      throw new CliException(
          ExitCodes.USAGE, "--out " + out + " is a directory; name the JSONL output file");
    }
    if (store != null && journal != null) {
      throw new CliException(ExitCodes.USAGE, "--store and --journal exclude each other");
    }
    Path journalFile =
        journal == null ? ctx().cwd().resolve(".chorus").resolve("batch.db") : resolve(journal);
    String storeLocation =
        store != null ? store : journal == null ? config().config().store() : null;
    String journalName =
        storeLocation != null ? JournalStores.describe(storeLocation) : journalFile.toString();
    Path rejectsFile = rejects == null ? sibling(outFile, ".rejects.jsonl") : resolve(rejects);
    Path deadFile = deadLetters == null ? sibling(outFile, ".dead.jsonl") : resolve(deadLetters);
    if (concurrency != null && concurrency <= 0) {
      throw new CliException(ExitCodes.USAGE, "--concurrency must be positive");
    }
    if ((resume || rerunChanged) && restart) {
      throw new CliException(
          ExitCodes.USAGE,
          (resume ? "--resume" : "--rerun-changed") + " and --restart exclude each other");
    }
    boolean batchApi = run.batchApi();
    if (resubmitFailed && !batchApi) {
      throw new CliException(
          ExitCodes.USAGE,
          "--resubmit-failed goes with --via batch-api (a normal resume runs failed items again)");
    }
    if (resubmitFailed && skipFailed) {
      throw new CliException(
          ExitCodes.USAGE, "--resubmit-failed and --skip-failed exclude each other");
    }
    boolean resuming = resume || rerunChanged || resubmitFailed;
    int window = concurrency != null ? concurrency : batchApi ? 10_000 : 64;
    io.chorus.providers.BatchLedger ledger =
        batchApi
            ? io.chorus.providers.BatchLedger.file(sibling(outFile, ".provider-batches.jsonl"))
            : io.chorus.providers.BatchLedger.inMemory();
    ModelId defaultModel =
        model != null ? AskCommand.parseModel(model) : ConfiguredEngine.defaultModel(config());
    PostgresStore shared = SharedStoreOptions.openIfPostgres(this, storeLocation);
    // on a shared store this process is one worker among any others; its journal carries the
    // run through an outage of the store and spills to OUT.spill past --store-deadline
    Worker sharedWorker =
        shared == null
            ? null
            : Worker.builder()
                .store(shared)
                .concurrency(SharedStoreOptions.concurrency(this, concurrency))
                .spill(BatchFiles.of(in, outFile).spill())
                .storeDeadline(SharedStoreOptions.deadline(storeDeadline))
                .build();
    try (shared;
        JournalStore store =
            sharedWorker != null
                ? sharedWorker.journal()
                : storeLocation != null
                    ? JournalStores.open(storeLocation, ctx().cwd(), ctx().env(), ctx().home())
                    : JournalStore.sqlite(journalFile)) {
      PatternSpec spec = null;
      if (workflowSpec != null) {
        try {
          spec = PatternSpecs.load(inputFile(workflowSpec, "workflow spec"));
        } catch (SpecException e) {
          throw PatternRun.specError(e);
        }
      }
      String describe =
          spec != null
              ? BatchWorkflow.pattern(spec).describe()
              : BatchWorkflow.call(defaultModel, null).describe();
      String batchId = BatchRunner.batchId(outFile, describe);
      JournalResponseCache cache = new JournalResponseCache(store, batchId, !noCache);
      BatchWorkflow chosen =
          spec != null ? BatchWorkflow.pattern(spec) : BatchWorkflow.call(defaultModel, cache);
      // a line naming a provider this configuration cannot run is rejected with its line number;
      // the other lines still run (one typo must not abort a batch of thousands)
      java.util.Map<String, java.util.Optional<String>> providers =
          new java.util.concurrent.ConcurrentHashMap<>();
      BatchWorkflow workflow =
          chosen.rejecting(
              item -> {
                ModelId m =
                    chosen.patternFor(item).isEmpty() ? lineModel(item, defaultModel) : null;
                if (m != null) {
                  providers
                      .computeIfAbsent(
                          m.provider(), p -> ConfiguredEngine.unusableProvider(config(), p))
                      .ifPresent(
                          why -> {
                            throw new IllegalArgumentException("model " + m + ": " + why);
                          });
                }
              });
      BatchState state;
      try {
        state = store.openBatch(batchId, in.toString(), workflow.describe());
      } catch (JournalException e) {
        throw beforeAnyCall(e);
      }
      if (state.existed() && state.finishedItems() > 0 && !resuming && !restart) {
        throw new CliException(
            ExitCodes.USAGE,
            "an earlier run of this batch is in "
                + journalName
                + " ("
                + state.finishedItems()
                + " item(s) finished"
                + (state.completed() ? ", complete" : "")
                + "): add --resume to continue it or --restart to start over");
      }
      if (restart) {
        try {
          store.resetBatch(batchId);
        } catch (JournalException e) {
          throw beforeAnyCall(e);
        }
      }
      BatchFiles files =
          BatchFiles.of(in, outFile).withRejects(rejectsFile).withDeadLetters(deadFile);
      Observation obs = new Observation(this, run, "batch " + input, false);
      if (shared != null) {
        // the items run as runs of one on this worker and on any others: the line counts the
        // batch's items from the store
        SharedStoreOptions.progressFromStore(obs, shared, batchId);
      }
      BatchRunner runner =
          BatchRunner.builder()
              .journal(store)
              .batchId(batchId)
              .workflow(workflow)
              .cache(cache)
              .files(files)
              .retryFailed(batchApi ? resubmitFailed : !skipFailed)
              .rerunChanged(rerunChanged)
              .window(window)
              .listener(
                  new BatchListener() {
                    @Override
                    public void planned(long items, long alreadyDone) {
                      if (obs.progress() != null) {
                        obs.progress().addCompleted(alreadyDone);
                        obs.progress().addTotal(items - alreadyDone);
                      }
                    }

                    @Override
                    public void storeFailed(String message, java.nio.file.Path keptIn) {
                      // name the place that does hold them: a spill file beside an output on a
                      // full disk could not
                      notice(
                          message
                              + (keptIn != null
                                  ? "; admitting no more calls, keeping the responses in flight in "
                                      + keptIn
                                  : "; admitting no more calls; the responses of the calls in"
                                      + " flight go to the journal "
                                      + journalName
                                      + ", which holds every response paid for"));
                    }
                  })
              .build();
      BatchPlan plan;
      Path spillWas = Spill.where(files.spill()); // before the plan imports (and deletes) it
      try {
        plan = runner.plan();
      } catch (java.io.IOException e) {
        throw new CliException(ExitCodes.STORE_FAILED, e.getMessage(), e);
      } catch (JournalException e) {
        throw beforeAnyCall(e);
      }
      List<ModelId> models =
          plan.models().stream()
              .map(
                  s -> s.contains(":") ? ModelId.parse(s) : new ModelId(defaultModel.provider(), s))
              .distinct()
              .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
      if (spec != null && plan.sample() != null) {
        models.clear();
        workflow.patternFor(plan.sample()).ifPresent(p -> models.addAll(PatternModels.of(p)));
      }
      if (!models.contains(defaultModel)) {
        models.add(0, defaultModel);
      }
      BatchSummary summary;
      String sharedFailure = null;
      try (ConfiguredEngine session =
          ConfiguredEngine.open(
              config(),
              models,
              obs.listeners(),
              run.route(
                  this,
                  b -> {
                    engineTime().accept(b);
                    b.cache(cache);
                    if (shared != null) {
                      SharedStoreOptions.shareLimits(this, b, shared);
                    }
                    if (concurrency != null) {
                      b.defaultLimits(Limits.concurrency(concurrency));
                      // keep the provider's configured rpm/tpm; only the concurrency changes for
                      // this
                      // run
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
                                b.limits(p, base.withMaxConcurrency(concurrency));
                              });
                    }
                  },
                  ledger,
                  window),
              run.simConfig(this))) {
        if (session.notice() != null) {
          notice(session.notice());
        }
        if (plan.recovered() > 0) {
          notice(
              plan.recovered()
                  + " response(s) and item(s) kept in "
                  + spillWas
                  + " by an earlier run whose journal failed are back in the journal");
        }
        if (plan.derivedIds() > 0) {
          notice(
              plan.derivedIds()
                  + " line(s) have no custom_id; each gets line-<n> from its line number");
        }
        if (plan.rejected() > 0) {
          notice(
              plan.rejected()
                  + " malformed line(s) went to "
                  + rejectsFile
                  + " (first: line "
                  + plan.firstReject().line()
                  + ": "
                  + plan.firstReject().error()
                  + ")");
        }
        if (plan.changes().any()) {
          notice(
              "the input changed since the earlier run: "
                  + plan.changes().describe()
                  + "; running the changed and new items, dropping the gone ones from the output");
        }
        if (plan.retried() > 0) {
          notice(
              plan.retried()
                  + (batchApi
                      ? " item(s) that failed in an earlier run are sent again (--resubmit-failed)"
                      : " item(s) that failed in an earlier run will run again (--skip-failed keeps them failed)"));
        }
        if (batchApi) {
          notice(
              "batch-api: items go through the providers' batch APIs at half the price; submitted batches are recorded in "
                  + sibling(outFile, ".provider-batches.jsonl")
                  + " before they are polled");
        }
        obs.start();
        if (shared != null) {
          // the items go into the shared store's queue; this process works on them as one worker
          // among any others
          String sharedSpec =
              workflowSpec != null
                  ? SharedWorkflows.pattern(java.nio.file.Files.readString(resolve(workflowSpec)))
                  : SharedWorkflows.call(defaultModel);
          List<io.chorus.batch.BatchItem> queued = new java.util.ArrayList<>();
          runner.items().forEachRemaining(queued::add);
          new SharedBatches(shared)
              .submit(batchId, workflow.describe(), sharedSpec, queued, rerunChanged || restart);
          Worker.Summary worked =
              sharedWorker.run(interruptible(session.engine()), batchId, workflow);
          summary = runner.collect();
          sharedFailure = worked.storeFailure();
        } else {
          summary = runner.run(interruptible(session.engine()));
        }
        obs.finish();
      }
      if (global.json) {
        ObjectNode n = Json.SNAKE_CASE.valueToTree(summary);
        n.put("out", outFile.toString());
        n.put("journal", journalName);
        out().println(n.toString());
      } else if (!global.quiet) {
        err()
            .println(
                "batch "
                    + summary.batchId()
                    + ": "
                    + summary.succeeded()
                    + " succeeded, "
                    + summary.failed()
                    + " failed, "
                    + summary.rejected()
                    + " rejected, "
                    + summary.unfinished()
                    + " unfinished; "
                    + summary.alreadyDone()
                    + " were done by an earlier run, "
                    + summary.cacheHits()
                    + " call(s) answered from the journal");
        err()
            .println(
                "output: "
                    + out
                    + (summary.failed() > 0 ? "; dead letters: " + deadFile : "")
                    + (summary.rejected() > 0 ? "; rejects: " + rejectsFile : ""));
      }
      if (sharedFailure != null) {
        throw new CliException(
            ExitCodes.STORE_FAILED,
            sharedFailure
                + "; stopped claiming items: responses already stored"
                + " stay in the store, and items left unfinished run again (by any worker) once it is back"
                + (java.nio.file.Files.exists(Spill.where(files.spill()))
                    ? " (--resume imports " + Spill.where(files.spill()) + " first)"
                    : ""));
      }
      if (summary.storeFailure() != null) {
        // one message, whatever --quiet says: the run did not end as asked and the user must act
        throw new CliException(
            ExitCodes.STORE_FAILED,
            summary.storeFailure()
                + "; stopped admitting calls: "
                + summary.succeeded()
                + " item(s) succeeded, "
                + summary.unfinished()
                + " unfinished"
                + (summary.spilled() > 0
                    ? "; "
                        + summary.spilled()
                        + " response(s) and item(s) the journal could not take are in "
                        + Spill.where(files.spill())
                    : "")
                + (summary.lost() > 0
                    ? "; "
                        + summary.lost()
                        + " could not be written even there (its disk is full too)"
                    : "")
                + "; free space, then --resume (it imports the spill file first)");
      }
      return summary.failed() == 0 && summary.complete() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    } catch (BatchRefusedException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
    } catch (JournalException | JournalLockedException e) {
      throw new CliException(ExitCodes.CONFIG, e.getMessage(), e);
    }
  }

  /**
   * The journal, opened and checked, failed while the batch was being planned (a write on a full
   * disk): a store failure like one mid-run, but before any call, so nothing was paid and nothing
   * needs keeping.
   */
  private static CliException beforeAnyCall(JournalException e) {
    return new CliException(
        ExitCodes.STORE_FAILED,
        e.getMessage()
            + "; no call was made (nothing paid): free space, then run the same command again",
        e);
  }

  /** The model a line names ({@code model}, or {@code body.model}), or null when it names none. */
  private static ModelId lineModel(io.chorus.batch.BatchItem item, ModelId defaultModel) {
    var n = item.json().path("body").isObject() ? item.json().get("body") : item.json();
    if (!n.hasNonNull("model")) {
      return null;
    }
    String s = n.get("model").asText();
    return s.contains(":") ? ModelId.parse(s) : new ModelId(defaultModel.provider(), s);
  }

  /**
   * This command line with {@code --resume} (and without {@code --restart}), quoted for a shell.
   */
  @Override
  String resumeHint() {
    List<String> args =
        new java.util.ArrayList<>(spec.root().commandLine().getParseResult().originalArgs());
    args.removeIf(a -> a.equals("--restart") || a.equals("--resume"));
    args.add("--resume");
    return "chorus " + String.join(" ", args.stream().map(BatchCommand::shellQuoted).toList());
  }

  private static String shellQuoted(String arg) {
    return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }

  private static Path sibling(Path outFile, String suffix) {
    String name = outFile.getFileName().toString();
    String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    return outFile.resolveSibling(base + suffix);
  }
}
