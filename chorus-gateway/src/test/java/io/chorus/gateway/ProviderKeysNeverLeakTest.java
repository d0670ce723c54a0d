package io.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.Simulator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own provider key reaches the provider only: not a client's answer, error body or
 * header, and not a log line, whatever the provider answers.
 */
class ProviderKeysNeverLeakTest {

  static final String SECRET = "sk-provider-secret-0987654321";

  @TempDir java.nio.file.Path dir;

  @Test
  void noAnswerErrorOrLogLineHoldsTheProviderKey() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try (Simulator sim =
            Simulator.builder().port(0).fault(FaultRule.on(FaultKind.QUOTA_EXHAUSTED, 2)).start();
        TestGateway t =
            TestGateway.start(
                dir,
                "defaults: {retries: 0}\n",
                Map.of("OPENAI_API_KEY", SECRET, "OPENAI_BASE_URL", sim.baseUrl("openai") + "/v1"),
                b -> {})) {
      String chat =
          """
          {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}""";
      var ok = t.post("/v1/chat/completions", chat);
      var quota = t.post("/v1/chat/completions", chat);
      var unknown =
          t.post(
              "/v1/chat/completions",
              """
          {"model": "gpt-no-such-model", "messages": [{"role": "user", "content": "hi"}]}""");
      var streamed =
          t.post(
              "/v1/messages",
              """
          {"model": "openai:gpt-4o-mini", "max_tokens": 20, "stream": true, "messages": [{"role": "user", "content": "hi"}]}""");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      // a real key, but the simulator behind the base URL answered: its x-chorus-synthetic header
      // labels the answer synthetic all the same (it read "false" before)
      assertThat(ok.headers().firstValue("x-chorus-synthetic")).contains("true");
      assertThat(quota.statusCode()).as(quota.body()).isEqualTo(429);
      assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
      for (var r : java.util.List.of(ok, quota, unknown, streamed)) {
        assertThat(r.body()).doesNotContain(SECRET);
        assertThat(r.headers().map().toString()).doesNotContain(SECRET);
      }
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getFormattedMessage()).doesNotContain(SECRET);
      if (e.getThrowableProxy() != null) {
        assertThat(e.getThrowableProxy().getMessage()).doesNotContain(SECRET);
      }
    }
  }
}
