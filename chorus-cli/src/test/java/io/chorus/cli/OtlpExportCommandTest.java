package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.observe.OtlpReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chorus vote --otel-endpoint}, the OTLP variables and {@code otel:} in chorus.yaml, each
 * exporting a real vote on the simulator to a real OTLP/HTTP receiver on 127.0.0.1 that decodes the
 * protobuf: span names, GenAI attributes and the run → pattern → call → attempt parentage.
 */
class OtlpExportCommandTest {

  @TempDir Path dir;

  private static final String[] VOTE = {
    "vote",
    "Is 'WIN A FREE CRUISE' spam?",
    "--options",
    "spam,ham",
    "--model",
    "sim:instant",
    "--samples",
    "3",
    "--quiet"
  };

  private static String[] with(String... more) {
    String[] all = java.util.Arrays.copyOf(VOTE, VOTE.length + more.length);
    System.arraycopy(more, 0, all, VOTE.length, more.length);
    return all;
  }

  @Test
  void aVoteWithOtelEndpointExportsRunPatternCallAttemptSpans() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      CliRun r =
          CliRun.run(
              dir,
              Map.of("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20otlp-secret-123"),
              with("--otel-endpoint", receiver.baseUrl()));
      assertThat(r.exitCode).as(r.toString()).isZero();
      // flushed before the command returned
      var run = receiver.find(s -> s.name().equals("chorus.run vote")).orElseThrow();
      assertThat(run.parentSpanId()).isEmpty();
      assertThat(run.attr("chorus.command")).isEqualTo("chorus vote");
      var pattern =
          receiver
              .find(
                  s ->
                      s.name().startsWith("chorus.pattern")
                          && s.parentSpanId().equals(run.spanId()))
              .orElseThrow(() -> new AssertionError(receiver.spans().toString()));
      List<OtlpReceiver.Received> calls = receiver.childrenOf(pattern);
      assertThat(calls).hasSize(3);
      for (var c : calls) {
        assertThat(c.name()).isEqualTo("chat instant");
        assertThat(c.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(c.attr("gen_ai.provider.name")).isEqualTo("sim");
        assertThat(c.attr("gen_ai.request.model")).isEqualTo("instant");
        assertThat(c.attr("gen_ai.response.finish_reasons")).isEqualTo(List.of("end_turn"));
        assertThat((Long) c.attr("gen_ai.usage.input_tokens")).isPositive();
        assertThat(c.attr("gen_ai.usage.cache_read.input_tokens")).isEqualTo(0L);
        assertThat(c.attr("chorus.synthetic")).isEqualTo(true);
        assertThat(receiver.childrenOf(c))
            .singleElement()
            .satisfies(a -> assertThat(a.attr("chorus.attempt.kind")).isEqualTo("first"));
      }
      assertThat(receiver.spans()).allMatch(s -> s.traceId().equals(run.traceId()));
      assertThat(receiver.requestHeaders())
          .allMatch(h -> "Bearer otlp-secret-123".equals(h.get("authorization")));
      assertThat(r.out + r.err).doesNotContain("otlp-secret-123");
    }
  }

  @Test
  void theStandardVariableAndChorusYamlNameTheEndpointAndNothingIsSentWithoutOne()
      throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      CliRun r = CliRun.run(dir, Map.of(), VOTE);
      assertThat(r.exitCode).as(r.toString()).isZero();
      CliRun env = CliRun.run(dir, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.baseUrl()), VOTE);
      assertThat(env.exitCode).as(env.toString()).isZero();
      assertThat(receiver.await(s -> !s.isEmpty(), Duration.ofSeconds(5))).isTrue();
      int fromEnv = receiver.spans().size();
      Files.writeString(
          dir.resolve("chorus.yaml"),
          "otel:\n  endpoint: " + receiver.baseUrl() + "\n  headers: {x-team: ops}\n");
      CliRun file = CliRun.run(dir, Map.of(), VOTE);
      assertThat(file.exitCode).as(file.toString()).isZero();
      assertThat(receiver.spans().size()).isGreaterThan(fromEnv);
      assertThat(receiver.requestHeaders().getLast()).containsEntry("x-team", "ops");
      assertThat(receiver.spans().stream().filter(s -> s.name().equals("chorus.run vote")).count())
          .isEqualTo(2); // the run without any endpoint sent nothing
    }
  }

  @Test
  void aBadEndpointIsAUsageErrorNamingItsSource() {
    CliRun flag = CliRun.run(dir, Map.of(), with("--otel-endpoint", "localhost:4318"));
    assertThat(flag.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(flag.err).contains("--otel-endpoint: OTLP endpoint: expected an http://");
    CliRun env =
        CliRun.run(
            dir,
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:4318",
                "OTEL_EXPORTER_OTLP_HEADERS",
                "api-key"),
            VOTE);
    assertThat(env.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(env.err).contains("OTEL_EXPORTER_OTLP_HEADERS: entry 1 is not key=value");
  }
}
