package io.chorus.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code gateway:} in {@code chorus.yaml}, for {@code chorus serve}:
 *
 * <pre>
 * gateway:
 *   max_body: 4194304          # bytes; larger request bodies get 413
 *   drain_grace: 30s           # how long requests in flight may finish after SIGTERM
 *   keys:                      # virtual keys; none means an open gateway (loopback only)
 *     team-a: {sha256: 9f86d0...0f00a08, rpm: 600, max_cost: 5.00, models: ["openai:gpt-4o-mini", "chorus/moderation"]}
 *   workflows:                 # served as models chorus/NAME
 *     moderation: {vote: examples/patterns/moderation.voters.yaml}
 *     deliberate-claude-grok: {deliberate: ["anthropic:claude-sonnet-4-5", "xai:grok-4"], rounds: 3, converge: 0.9}
 * </pre>
 *
 * @param maxBody the largest request body in bytes, or null for the default (4 MiB)
 * @param drainGrace a duration ({@code 30s}), or null for the default
 * @param keys virtual keys by name
 * @param workflows workflows by name
 */
public record GatewaySettings(
    @Nullable Long maxBody,
    @Nullable String drainGrace,
    Map<String, GatewayKeySettings> keys,
    Map<String, WorkflowSettings> workflows) {

  public static final GatewaySettings NONE = new GatewaySettings(null, null, null, null);

  public GatewaySettings {
    if (maxBody != null && maxBody <= 0) {
      throw new IllegalArgumentException(
          "max_body must be a positive number of bytes, was " + maxBody);
    }
    if (drainGrace != null) {
      DurationText.parse(drainGrace);
    }
    keys =
        keys == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    workflows =
        workflows == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(workflows));
    java.util.Set<String> hashes = new java.util.HashSet<>();
    for (var e : keys.entrySet()) {
      if (e.getValue() == null) {
        throw new IllegalArgumentException(
            "keys." + e.getKey() + ": needs sha256 (the hex SHA-256 of the key)");
      }
      if (!hashes.add(e.getValue().sha256())) {
        throw new IllegalArgumentException(
            "keys." + e.getKey() + ": the same key as another entry");
      }
    }
    for (var e : workflows.entrySet()) {
      if (e.getValue() == null) {
        throw new IllegalArgumentException(
            "workflows." + e.getKey() + ": needs vote or deliberate");
      }
      if (!e.getKey().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new IllegalArgumentException(
            "workflows." + e.getKey() + ": a name of letters, digits, '.', '_' and '-'");
      }
    }
  }

  /** The drain grace, or {@code fallback} when not set. */
  public Duration drainGrace(Duration fallback) {
    return drainGrace == null ? fallback : DurationText.parse(drainGrace);
  }
}
