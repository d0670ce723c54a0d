package io.chorus.bench;

import java.util.List;

/**
 * A scenario and every client's row, in the order they ran.
 *
 * @param scenario what was run
 * @param rows one per client
 * @param loadAverage the machine's 1-minute load average at the scenario's start and end ("3.1 →
 *     4.2"; empty when unknown): other builds share the cores
 */
public record ScenarioRun(Scenario scenario, List<Row> rows, String loadAverage) {

  public ScenarioRun {
    rows = List.copyOf(rows);
  }

  public ScenarioRun(Scenario scenario, List<Row> rows) {
    this(scenario, rows, "");
  }

  /** The row of {@code client}, or null. */
  public Row row(String client) {
    return rows.stream().filter(r -> r.client().equals(client)).findFirst().orElse(null);
  }
}
