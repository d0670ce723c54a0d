package io.chorus.bench;

/**
 * One client's run in one scenario.
 *
 * @param client the client's name
 * @param result what the client measured, or null when it produced no result
 * @param sim the simulator's counters for this run
 * @param problem why there is no result (timeout, crash), or null
 */
public record Row(String client, ClientResult result, SimCounters sim, String problem) {

  /** Extra requests beyond one per call (retries and hedges as the simulator saw them). */
  public long extraRequests() {
    return result == null || sim.requests() < 0 ? -1 : Math.max(0, sim.requests() - result.calls());
  }
}
