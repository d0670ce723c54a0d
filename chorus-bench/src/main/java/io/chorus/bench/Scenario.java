package io.chorus.bench;

import java.time.Duration;
import java.util.List;

/**
 * One benchmark scenario: the simulator's configuration, the workload every client runs, and which
 * clients run it.
 *
 * @param id P1..P5
 * @param title what it measures
 * @param simYaml the simulator config file's content
 * @param workload the workload (its base URL is filled in when the simulator is up)
 * @param clients client names, run one after the other against the same simulator
 * @param size how this size relates to the (e.g. "N = 10,000 as specified")
 * @param clientTimeout a client still running after this is killed and reported as such
 * @param latencyMs the simulator's fixed latency (P1), else 0
 * @param limitRpm the simulator's request limit (P3), else 0
 * @param path plain http, or TLS with HTTP/1.1 or HTTP/2 offered
 */
public record Scenario(
    String id,
    String title,
    String simYaml,
    ClientArgs workload,
    List<String> clients,
    String size,
    Duration clientTimeout,
    double latencyMs,
    double limitRpm,
    WirePath path) {

  public Scenario {
    clients = List.copyOf(clients);
  }

  /** A scenario over plain http. */
  public Scenario(
      String id,
      String title,
      String simYaml,
      ClientArgs workload,
      List<String> clients,
      String size,
      Duration clientTimeout,
      double latencyMs,
      double limitRpm) {
    this(
        id,
        title,
        simYaml,
        workload,
        clients,
        size,
        clientTimeout,
        latencyMs,
        limitRpm,
        WirePath.PLAIN);
  }

  /** The same scenario over {@code path}, its id suffixed with it ({@code P2-tls-h1}). */
  Scenario over(WirePath path, String idSuffix) {
    return new Scenario(
        id + idSuffix,
        title + " — " + path,
        simYaml,
        workload,
        clients,
        size,
        clientTimeout,
        latencyMs,
        limitRpm,
        path);
  }
}
