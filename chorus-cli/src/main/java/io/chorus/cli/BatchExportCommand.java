package io.chorus.cli;

import io.chorus.batch.JournalException;
import io.chorus.store.postgres.PostgresStore;
import io.chorus.store.postgres.SharedBatch;
import io.chorus.store.postgres.SharedBatches;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chorus batch export}: a shared batch's output JSONL, from the store. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write a shared batch's output JSONL (every item that succeeded, once, in input order) and its dead letters from",
      "the store. Refused while items are unfinished unless --partial. Exit code 1 when any item failed for good."
    })
public final class BatchExportCommand extends ChorusSubcommand {

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "The shared store: postgresql://HOST[:PORT]/DB (default: store: in chorus.yaml).")
  String store;

  @Option(
      names = "--batch",
      paramLabel = "ID",
      description = "The batch (default: the store's only batch).")
  String batch;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE",
      description = "The JSONL output file.")
  Path out;

  @Option(
      names = "--dead-letters",
      paramLabel = "FILE",
      description = "Where failed items go (default: OUT with .dead.jsonl).")
  Path deadLetters;

  @Option(
      names = "--partial",
      description = "Export what has finished even while items are still unfinished.")
  boolean partial;

  @Override
  protected int execute() throws Exception {
    Path outFile = resolve(out);
    if (java.nio.file.Files.isDirectory(outFile)) {
      throw new CliException(
          ExitCodes.USAGE, "--out " + out + " is a directory; name the JSONL output file");
    }
    String name = outFile.getFileName().toString();
    Path dead =
        deadLetters != null
            ? resolve(deadLetters)
            : outFile.resolveSibling(
                (name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name)
                    + ".dead.jsonl");
    try (PostgresStore shared =
        SharedStoreOptions.open(this, SharedStoreOptions.location(this, store))) {
      SharedBatches batches = new SharedBatches(shared);
      String id = batch;
      if (id == null) {
        List<SharedBatch> all = batches.all();
        if (all.size() != 1) {
          throw new CliException(
              ExitCodes.USAGE,
              all.isEmpty()
                  ? "no batches in " + shared.location().display()
                  : all.size()
                      + " batches in "
                      + shared.location().display()
                      + ": name one with --batch (chorus batch status lists them)");
        }
        id = all.get(0).batchId();
      } else if (batches.batch(id).isEmpty()) {
        throw new CliException(
            ExitCodes.USAGE, "no batch '" + id + "' in " + shared.location().display());
      }
      var progress = batches.progress(id);
      if (!progress.complete() && !partial) {
        throw new CliException(
            ExitCodes.RUN_FAILED,
            "batch "
                + id
                + " is not finished ("
                + (progress.total() - progress.done() - progress.failed())
                + " of "
                + progress.total()
                + " item(s) left): wait for its workers, or add --partial");
      }
      SharedBatches.Export ex = batches.export(id, outFile, dead);
      if (!global.quiet) {
        err()
            .println(
                "batch "
                    + id
                    + ": "
                    + ex.succeeded()
                    + " item(s) to "
                    + out
                    + (ex.failed() > 0 ? ", " + ex.failed() + " failed to " + dead : "")
                    + (ex.unfinished() > 0 ? ", " + ex.unfinished() + " unfinished" : ""));
      }
      return ex.failed() == 0 && ex.unfinished() == 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    } catch (JournalException e) {
      throw new CliException(ExitCodes.STORE_FAILED, e.getMessage(), e);
    }
  }
}
