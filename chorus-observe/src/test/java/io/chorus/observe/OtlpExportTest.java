package io.chorus.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Engine;
import io.chorus.core.TimeSource;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.providers.AnthropicProvider;
import io.chorus.sim.Simulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OTLP/HTTP export through the library API: a real vote on the simulator, its spans POSTed to a
 * real receiver on 127.0.0.1 that decodes the protobuf and checks names, attributes and parentage.
 */
class OtlpExportTest {

  @Test
  void aVoteOnTheSimulatorArrivesAsRunPatternCallAttemptSpans() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        Simulator sim = Simulator.builder().seed(7).start()) {
      OtlpTarget target =
          OtlpTarget.of(receiver.baseUrl(), Map.of("Authorization", "Bearer s3cret-token"));
      VotingResult vote;
      try (OtelSetup otel = OtelSetup.otlp(target, TimeSource.system());
          Engine engine =
              Engine.builder()
                  .provider(
                      AnthropicProvider.builder()
                          .name("sim")
                          .baseUrl(sim.baseUrl())
                          .synthetic(true)
                          .build())
                  .listener(otel.listener())
                  .build()) {
        otel.startRun("moderation", Map.of("chorus.command", "library"));
        vote =
            Voting.builder()
                .model("sim:fast")
                .prompt("Is 'rocks for brains' acceptable?")
                .options("acceptable", "needs_review", "rejected")
                .voter(Voter.named("strict"))
                .voter(Voter.named("lenient"))
                .voter(Voter.named("expert").withModel("sim:smart"))
                .build()
                .run(engine);
      }
      assertThat(vote.votes()).hasSize(3);
      assertThat(receiver.await(s -> s.size() >= 8, Duration.ofSeconds(10)))
          .as("%s", receiver.spans())
          .isTrue();

      var run = receiver.find(s -> s.name().equals("chorus.run moderation")).orElseThrow();
      assertThat(run.parentSpanId()).isEmpty();
      assertThat(run.attr("chorus.command")).isEqualTo("library");
      var pattern =
          receiver.find(s -> s.name().startsWith("chorus.pattern")).orElseThrow(); // the fan-out
      assertThat(pattern.parentSpanId()).isEqualTo(run.spanId());
      List<OtlpReceiver.Received> calls =
          receiver.spans().stream()
              .filter(s -> s.name().startsWith("chat ") && s.attr("chorus.call_id") != null)
              .toList();
      assertThat(calls).hasSize(3);
      assertThat(calls).allMatch(c -> c.parentSpanId().equals(pattern.spanId()));
      assertThat(calls).extracting(OtlpReceiver.Received::name).contains("chat fast", "chat smart");
      for (var c : calls) {
        assertThat(c.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(c.attr("gen_ai.operation.name")).isEqualTo("chat");
        assertThat(c.attr("gen_ai.provider.name")).isEqualTo("sim");
        assertThat(c.attr("gen_ai.request.model")).isIn("fast", "smart");
        assertThat(c.attr("gen_ai.response.model")).isIn("fast", "smart");
        assertThat((Long) c.attr("gen_ai.usage.input_tokens")).isPositive();
        assertThat((Long) c.attr("gen_ai.usage.output_tokens")).isPositive();
        assertThat(c.attributes())
            .containsKeys(
                "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_creation.input_tokens");
        assertThat(c.attr("gen_ai.response.finish_reasons")).isEqualTo(List.of("end_turn"));
        assertThat(c.attr("chorus.synthetic")).isEqualTo(true);
        List<OtlpReceiver.Received> attempts = receiver.childrenOf(c);
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).attr("chorus.attempt.kind")).isEqualTo("first");
        assertThat(attempts.get(0).attr("chorus.attempt.result")).isEqualTo("succeeded");
      }
      assertThat(receiver.spans()).allMatch(s -> s.traceId().equals(run.traceId()));
      assertThat(receiver.resources()).allMatch(r -> "chorus".equals(r.get("service.name")));
      // the header reached the collector, and no rendering of the target shows its value
      assertThat(receiver.requestHeaders())
          .allMatch(h -> "Bearer s3cret-token".equals(h.get("authorization")));
      assertThat(target.toString()).contains("Authorization").doesNotContain("s3cret");
    }
  }

  @Test
  void theStandardVariablesNameTheEndpointAndHeadersAndNothingIsExportedWithoutThem() {
    assertThat(OtlpTarget.fromEnvironment(Map.of("PATH", "/bin"))).isEmpty();
    OtlpTarget base =
        OtlpTarget.fromEnvironment(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318/",
                    "OTEL_EXPORTER_OTLP_HEADERS", "api-key=a%3Db,x-team=ops",
                    "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-team=traces"))
            .orElseThrow();
    assertThat(base.endpoint()).hasToString("http://127.0.0.1:4318/v1/traces");
    assertThat(base.headers()).containsEntry("api-key", "a=b").containsEntry("x-team", "traces");
    assertThat(base.toString()).doesNotContain("a=b");
    OtlpTarget traces =
        OtlpTarget.fromEnvironment(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:9999/custom"))
            .orElseThrow();
    assertThat(traces.endpoint()).hasToString("http://127.0.0.1:9999/custom");
    assertThat(
            OtlpTarget.fromEnvironment(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                    "OTEL_SDK_DISABLED", "true")))
        .isEmpty();
    assertThat(OtlpTarget.of("http://127.0.0.1:4318/v1/traces", Map.of()).endpoint())
        .hasToString("http://127.0.0.1:4318/v1/traces");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> OtlpTarget.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "127.0.0.1")))
        .hasMessageStartingWith("OTEL_EXPORTER_OTLP_ENDPOINT: OTLP endpoint: expected an http://");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                OtlpTarget.parseHeaders(
                    "authorization=Bearer x,secretwithoutequals", "OTEL_EXPORTER_OTLP_HEADERS"))
        .hasMessage("OTEL_EXPORTER_OTLP_HEADERS: entry 2 is not key=value (values are not shown)");
  }
}
