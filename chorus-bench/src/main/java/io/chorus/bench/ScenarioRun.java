package io.chorus.bench;

import java.util.List;

/**
 * A scenario and every client's row, in the order they ran.
 *
 * @param scenario what was run
 * @param rows one per client
 */
public record ScenarioRun(Scenario scenario, List<Row> rows) {

  public ScenarioRun {
    rows = List.copyOf(rows);
  }

  /** The row of {@code client}, or null. */
  public Row row(String client) {
    return rows.stream().filter(r -> r.client().equals(client)).findFirst().orElse(null);
  }
}
