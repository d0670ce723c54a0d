package io.chorus.advisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chorus.advisor.internal.Json;
import io.chorus.advisor.internal.ReportHtml;
import io.chorus.advisor.internal.ReportTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link BenchHarness#run()} measured: each workload under each approach, on this machine.
 * Immutable. Render with {@link #toTable()}, {@link #toJson()} or {@link #toHtml()}; persist with
 * {@link #save(Path)} and read back with {@link #load(Path)} (the advisor reads {@link
 * #DEFAULT_FILE}).
 *
 * @param createdAt when the run finished (ISO-8601 UTC)
 * @param cpuCores processors the JVM saw
 * @param javaVersion the runtime version
 * @param os operating system and architecture
 * @param warmups unmeasured runs before the measured ones, per approach
 * @param runs measured runs per approach
 * @param command how the benchmark was started, when known (for reproducing it)
 * @param workloads the workloads measured
 * @param notes what may have spoiled the figures (load average, CPU share of the baseline), so a
 *     reader can tell a quiet machine from a busy one
 */
public record BenchReport(
    String createdAt,
    int cpuCores,
    String javaVersion,
    String os,
    int warmups,
    int runs,
    String command,
    List<WorkloadResult> workloads,
    List<String> notes) {

  /** Where {@code chorus bench} saves its latest results and where the advisor looks first. */
  public static final Path DEFAULT_FILE = Path.of(".chorus", "bench", "latest.json");

  /** The note {@link BenchHarness} adds when the load average exceeded the cores during the run. */
  public static final String BUSY_NOTE =
      "The machine was busy (load above the core count): other processes competed for the CPU, so CPU-bound figures understate what the approaches can do.";

  /** Whether the run was flagged as made on a busy machine (see {@link #BUSY_NOTE}). */
  public boolean busy() {
    return notes.contains(BUSY_NOTE);
  }

  /** Canonical constructor: copies the lists. */
  public BenchReport {
    workloads = List.copyOf(workloads);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /**
   * The largest workload of {@code type} (longest sequential baseline), if any: the one least
   * dominated by start-up overheads, so the one the advisor quotes.
   */
  public Optional<WorkloadResult> workload(WorkloadType type) {
    return workloads(type).stream()
        .max(java.util.Comparator.comparingDouble(BenchReport::baselineMs));
  }

  /** The smallest workload of {@code type} (shortest sequential baseline), if any. */
  public Optional<WorkloadResult> smallestWorkload(WorkloadType type) {
    return workloads(type).stream()
        .min(java.util.Comparator.comparingDouble(BenchReport::baselineMs));
  }

  /** All workloads of {@code type}, in the order measured. */
  public List<WorkloadResult> workloads(WorkloadType type) {
    return workloads.stream().filter(w -> w.type() == type).toList();
  }

  private static double baselineMs(WorkloadResult w) {
    return w.result(Approach.SEQUENTIAL)
        .filter(ApproachResult::ok)
        .map(ApproachResult::medianWallMs)
        .orElse(0.0);
  }

  /** A plain-text table per workload. */
  public String toTable() {
    return ReportTable.render(this);
  }

  /** The report as JSON; {@link #fromJson} reads it back. */
  public String toJson() {
    return Json.write(this);
  }

  /** A self-contained HTML page with an inline SVG bar chart per workload (no external assets). */
  public String toHtml() {
    return ReportHtml.render(this);
  }

  /** Writes {@link #toJson()} to {@code file}, creating parent directories. */
  public void save(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, toJson());
  }

  /** Parses a report written by {@link #toJson()}. */
  public static BenchReport fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, BenchReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a bench report at line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** Reads a report saved by {@link #save(Path)}; the message names the file when it is not one. */
  public static BenchReport load(Path file) throws IOException {
    try {
      return fromJson(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
