package io.chorus.gateway.internal;

import io.chorus.config.WorkflowSettings;
import io.chorus.core.ModelId;
import io.chorus.patterns.spec.PatternSpec;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.spec.SpecException;
import io.chorus.patterns.spec.VotingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflows of {@code gateway.workflows}, served as the models {@code chorus/NAME}; loaded
 * once, at start.
 */
public final class Workflows {

  public static final String PREFIX = "chorus/";

  private final Map<String, Workflow> byName;

  private Workflows(Map<String, Workflow> byName) {
    this.byName = byName;
  }

  public static final Workflows NONE = new Workflows(Map.of());

  /**
   * Loads each workflow; a vote spec's path is relative to {@code dir}.
   *
   * @throws IllegalArgumentException naming {@code gateway.workflows.NAME} and the spec's file and
   *     line
   */
  public static Workflows load(Map<String, WorkflowSettings> settings, Path dir) {
    Map<String, Workflow> out = new LinkedHashMap<>();
    settings.forEach(
        (name, s) -> {
          String where = "gateway.workflows." + name;
          if (s.vote() != null) {
            Path file = dir.resolve(s.vote());
            PatternSpec spec;
            try {
              spec = PatternSpecs.load(file);
            } catch (SpecException | java.io.UncheckedIOException e) {
              throw new IllegalArgumentException(where + ".vote: " + e.getMessage(), e);
            }
            if (!(spec instanceof VotingSpec vs)) {
              throw new IllegalArgumentException(
                  where + ".vote: " + s.vote() + " is a '" + spec.kind() + "' spec, not a vote");
            }
            out.put(name, new Workflow.VoteWorkflow(name, vs));
          } else {
            out.put(
                name,
                new Workflow.DeliberationWorkflow(
                    name,
                    s.deliberate().stream().map(ModelId::parse).toList(),
                    s.rounds() == null ? 3 : s.rounds(),
                    s.converge() == null ? 0.9 : s.converge()));
          }
        });
    return new Workflows(out);
  }

  public static boolean isWorkflow(String model) {
    return model.startsWith(PREFIX);
  }

  public static String name(String model) {
    return model.substring(PREFIX.length());
  }

  public Optional<Workflow> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** {@code chorus/NAME} of each. */
  public List<String> modelNames() {
    return byName.keySet().stream().map(n -> PREFIX + n).toList();
  }

  /** Every model the workflows call. */
  public List<ModelId> models() {
    List<ModelId> out = new ArrayList<>();
    byName.values().forEach(w -> out.addAll(w.models()));
    return out;
  }
}
