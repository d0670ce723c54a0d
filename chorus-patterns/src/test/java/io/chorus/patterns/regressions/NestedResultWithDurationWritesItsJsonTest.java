package io.chorus.patterns.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.core.Engine;
import io.chorus.core.Pattern;
import io.chorus.core.PatternResult;
import io.chorus.core.Usage;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.section.SectioningResult;
import io.chorus.testing.FakeProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A sectioning whose section was a security review (or a deliberation) could not write its JSON:
 * "could not write report as JSON ... Java 8 date/time type `java.time.Duration` not supported by
 * default (through reference chain: SectioningResult["sections"]...SectionOutcome["nested"]->
 * ReviewResult["elapsed"])". A nested result is now written by its own {@code toJson()}.
 */
class NestedResultWithDurationWritesItsJsonTest {

  /** A result with a field Jackson cannot write by default, and its own JSON. */
  record Timed(Duration elapsed) implements PatternResult {
    @Override
    public String text() {
      return "timed";
    }

    @Override
    public boolean ok() {
      return true;
    }

    @Override
    public Usage usage() {
      return Usage.ZERO;
    }

    @Override
    public double costUsd() {
      return 0;
    }

    @Override
    public boolean synthetic() {
      return false;
    }

    @Override
    public String toMarkdown() {
      return "timed";
    }

    @Override
    public String toJson() {
      return "{\"elapsed_ms\": " + elapsed.toMillis() + "}";
    }
  }

  static final class TimedPattern implements Pattern<Timed> {
    @Override
    public String name() {
      return "timed";
    }

    @Override
    public Timed run(Engine engine) {
      return new Timed(Duration.ofMillis(1500));
    }
  }

  @Test
  void aNestedResultIsWrittenByItsOwnToJson() throws Exception {
    try (Engine engine = Engine.builder().provider(FakeProvider.echo("sim")).build()) {
      SectioningResult r =
          Sectioning.builder()
              .model("sim:fast")
              .section(Section.of("Echo", "hello"))
              .section(Section.nested("Timed", new TimedPattern()))
              .build()
              .run(engine);
      JsonNode json = new ObjectMapper().readTree(r.toJson());
      assertThat(json.at("/sections/1/nested/elapsed_ms").asLong()).isEqualTo(1500);
      assertThat(json.at("/sections/0/nested").isNull()).isTrue();
    }
  }
}
