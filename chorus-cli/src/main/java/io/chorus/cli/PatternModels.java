package io.chorus.cli;

import io.chorus.core.ModelId;
import io.chorus.core.Pattern;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.vote.Voting;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The models a pattern will call, found by walking it (sections, nested patterns, voters), so that
 * the engine can be given their providers (or the simulator in their place) before it runs. Judge
 * and merge models are not visible from outside the pattern; their providers get the simulator
 * fallback whenever keys are missing anyway.
 */
final class PatternModels {

  private PatternModels() {}

  static List<ModelId> of(Pattern<?> pattern) {
    Set<ModelId> out = new LinkedHashSet<>();
    collect(pattern, out);
    return List.copyOf(out);
  }

  private static void collect(Pattern<?> p, Set<ModelId> out) {
    switch (p) {
      case Voting v -> v.requests().forEach(r -> out.add(r.model()));
      case Sectioning s -> {
        for (Section section : s.sections()) {
          if (section.nested() != null) {
            collect(section.nested(), out);
          } else {
            out.add(s.request(section).model());
          }
        }
      }
      default -> {}
    }
  }
}
