package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTest {
  static final String ANTHROPIC = "x-api-key: k\r\nanthropic-version: 2023-06-01\r\n";
  static final String OPENAI = "authorization: Bearer k\r\n";

  static Simulator with(FaultRule rule) {
    return Simulator.builder().seed(1).fault(rule).stallLimit(Duration.ofSeconds(5)).start();
  }

  @Test
  void httpErrorFaultsUseEachProtocolsStatusAndBody() {
    record Case(
        FaultKind kind,
        int anthropicStatus,
        String anthropicType,
        int openaiStatus,
        String openaiType) {}
    List<Case> cases =
        List.of(
            new Case(FaultKind.RATE_LIMIT, 429, "rate_limit_error", 429, "requests"),
            new Case(FaultKind.SERVER_ERROR, 500, "api_error", 500, "server_error"),
            new Case(FaultKind.UNAVAILABLE, 503, "api_error", 503, "server_error"),
            new Case(FaultKind.OVERLOADED, 529, "overloaded_error", 529, "server_error"),
            new Case(FaultKind.QUOTA_EXHAUSTED, 402, "billing_error", 429, "insufficient_quota"));
    for (Case c : cases) {
      try (Simulator sim = with(FaultRule.always(c.kind()).withShouldRetry(false))) {
        HttpResponse<String> a =
            Wire.anthropic(sim, "k", Wire.anthropicBody("instant", "x", 10, false));
        assertThat(a.statusCode()).as(c.kind().toString()).isEqualTo(c.anthropicStatus());
        assertThat(Wire.json(a).path("type").asText()).isEqualTo("error");
        assertThat(Wire.json(a).path("error").path("type").asText()).isEqualTo(c.anthropicType());
        assertThat(a.headers().firstValue("x-should-retry")).contains("false");
        assertThat(a.headers().firstValue("anthropic-ratelimit-requests-limit")).isPresent();
        assertThat(a.headers().firstValue("request-id")).isPresent();
        HttpResponse<String> o = Wire.openai(sim, "k", Wire.openAiBody("instant", "x", true));
        assertThat(o.statusCode()).isEqualTo(c.openaiStatus());
        assertThat(Wire.json(o).path("error").path("type").asText()).isEqualTo(c.openaiType());
        assertThat(o.headers().firstValue("x-ratelimit-limit-requests")).isPresent();
        assertThat(sim.stats().totals().faults(c.kind())).isEqualTo(2);
      }
    }
  }

  @Test
  void injected429CarriesRetryAfterAndQuotaHasItsCode() {
    try (Simulator sim =
        with(FaultRule.always(FaultKind.RATE_LIMIT).withRetryAfter(Duration.ofMillis(1500)))) {
      HttpResponse<String> r = Wire.openai(sim, "k", Wire.openAiBody("instant", "x", false));
      assertThat(r.headers().firstValue("retry-after")).contains("2");
      assertThat(r.headers().firstValue("retry-after-ms")).contains("1500");
      assertThat(Wire.json(r).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
    }
    try (Simulator sim = with(FaultRule.always(FaultKind.QUOTA_EXHAUSTED))) {
      HttpResponse<String> r = Wire.openai(sim, "k", Wire.openAiBody("instant", "x", false));
      assertThat(Wire.json(r).path("error").path("code").asText()).isEqualTo("insufficient_quota");
    }
  }

  @Test
  void scriptedFaultHitsExactlyTheThirdRequestForItsModel() {
    try (Simulator sim = with(FaultRule.on(FaultKind.SERVER_ERROR, 3).forModel("instant"))) {
      int[] statuses = new int[5];
      for (int i = 0; i < 5; i++) {
        Wire.anthropic(
            sim, "k", Wire.anthropicBody("fast", "other model " + i, 10, false)); // not counted
        statuses[i] =
            Wire.anthropic(sim, "k", Wire.anthropicBody("instant", "q" + i, 10, false))
                .statusCode();
      }
      assertThat(statuses).containsExactly(200, 200, 500, 200, 200);
      assertThat(sim.stats().forModel("instant").faults(FaultKind.SERVER_ERROR)).isEqualTo(1);
      assertThat(sim.stats().forModel("fast").faultCount()).isZero();
    }
  }

  @Test
  void rateBasedFaultsHitAboutTheirRateAndDependOnTheSeed() {
    try (Simulator sim = with(FaultRule.rate(FaultKind.OVERLOADED, 0.3))) {
      int failed = 0;
      for (int i = 0; i < 300; i++) {
        if (Wire.openai(sim, "k", Wire.openAiBody("instant", "same", false)).statusCode() == 529) {
          failed++;
        }
      }
      assertThat(failed).isBetween(60, 120); // 90 expected; identical requests fail independently
    }
  }

  @Test
  void connectionResetSendsNothingAndResets() throws IOException {
    try (Simulator sim = with(FaultRule.always(FaultKind.CONNECTION_RESET))) {
      RawHttp.Received r =
          RawHttp.post(
              sim,
              "/v1/messages",
              ANTHROPIC,
              Wire.anthropicBody("instant", "x", 10, false).toString(),
              5000);
      assertThat(r.text()).isEmpty();
      assertThat(r.error()).isInstanceOf(SocketException.class);
      assertThat(r.error().getMessage()).containsIgnoringCase("reset");
      assertThatThrownBy(() -> Wire.openai(sim, "k", Wire.openAiBody("instant", "x", false)))
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void stallSendsHeadersThenNothing() throws IOException {
    try (Simulator sim = with(FaultRule.always(FaultKind.STALL))) {
      RawHttp.Received r =
          RawHttp.post(
              sim,
              "/v1/messages",
              ANTHROPIC,
              Wire.anthropicBody("instant", "x", 10, true).toString(),
              300);
      assertThat(r.timedOut()).isTrue();
      assertThat(r.head()).startsWith("HTTP/1.1 200").contains("text/event-stream");
      assertThat(r.body()).isEmpty();
      RawHttp.Received n =
          RawHttp.post(
              sim,
              "/v1/chat/completions",
              OPENAI,
              Wire.openAiBody("instant", "x", false).toString(),
              300);
      assertThat(n.timedOut()).isTrue();
      assertThat(n.head()).startsWith("HTTP/1.1 200").contains("content-length");
      assertThat(n.body()).isEmpty();
    }
  }

  @Test
  void truncatedStreamEndsWithoutTheLastChunkOrEvent() throws IOException {
    try (Simulator sim = with(FaultRule.always(FaultKind.TRUNCATED_STREAM))) {
      RawHttp.Received r =
          RawHttp.post(
              sim,
              "/v1/messages",
              ANTHROPIC,
              Wire.anthropicBody("instant", "x", 200, true).toString(),
              5000);
      assertThat(r.timedOut()).isFalse();
      assertThat(r.head()).startsWith("HTTP/1.1 200");
      assertThat(r.body())
          .contains("event: message_start")
          .doesNotContain("message_stop")
          .doesNotEndWith("0\r\n\r\n");
      RawHttp.Received n =
          RawHttp.post(
              sim,
              "/v1/chat/completions",
              OPENAI,
              Wire.openAiBody("instant", "x", false).toString(),
              5000);
      long declared = Long.parseLong(n.head().replaceAll("(?s).*content-length: (\\d+).*", "$1"));
      assertThat(n.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isLessThan((int) declared);
      assertThatThrownBy(() -> Wire.openai(sim, "k", Wire.openAiBody("instant", "x", false)))
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void malformedJsonIs200WithABodyThatDoesNotParse() {
    try (Simulator sim = with(FaultRule.always(FaultKind.MALFORMED_JSON))) {
      HttpResponse<String> r =
          Wire.anthropic(sim, "k", Wire.anthropicBody("instant", "x", 10, false));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> Wire.JSON.readTree(r.body()))
          .isInstanceOf(JsonProcessingException.class);
      HttpResponse<String> s = Wire.openai(sim, "k", Wire.openAiBody("instant", "x", true));
      assertThat(s.statusCode()).isEqualTo(200);
      List<Wire.Event> events = Wire.events(s.body());
      assertThatThrownBy(() -> events.get(events.size() - 1).json())
          .isInstanceOf(java.io.UncheckedIOException.class);
    }
  }

  @Test
  void midStreamErrorArrivesAfterStatus200() {
    try (Simulator sim = with(FaultRule.always(FaultKind.MID_STREAM_ERROR))) {
      HttpResponse<String> a =
          Wire.anthropic(sim, "k", Wire.anthropicBody("instant", "x", 100, true));
      assertThat(a.statusCode()).isEqualTo(200);
      List<Wire.Event> events = Wire.events(a.body());
      Wire.Event last = events.get(events.size() - 1);
      assertThat(last.name()).isEqualTo("error");
      assertThat(last.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
      assertThat(events)
          .extracting(Wire.Event::name)
          .contains("message_start", "content_block_delta")
          .doesNotContain("message_stop");
      HttpResponse<String> o = Wire.openai(sim, "k", Wire.openAiBody("instant", "x", true));
      assertThat(o.statusCode()).isEqualTo(200);
      List<Wire.Event> oe = Wire.events(o.body());
      JsonNode err = oe.get(oe.size() - 1).json();
      assertThat(err.path("error").path("type").asText()).isEqualTo("server_error");
      assertThat(o.body()).doesNotContain("[DONE]");
      // without a stream, the same fault fails the whole request
      assertThat(Wire.openai(sim, "k", Wire.openAiBody("instant", "x", false)).statusCode())
          .isEqualTo(500);
    }
  }

  @Test
  void streamingOnlyFaultsSpareNonStreamingRequests() {
    try (Simulator sim = with(FaultRule.always(FaultKind.SERVER_ERROR).forStreaming(true))) {
      assertThat(Wire.openai(sim, "k", Wire.openAiBody("instant", "x", false)).statusCode())
          .isEqualTo(200);
      assertThat(Wire.openai(sim, "k", Wire.openAiBody("instant", "x", true)).statusCode())
          .isEqualTo(500);
    }
  }
}
