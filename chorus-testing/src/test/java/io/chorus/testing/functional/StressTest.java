package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 10,000 calls with random 0-2 ms transport latency (real sleeps inside the fake). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StressTest {

  @Test
  void tenThousandCallsRespectTheCapKeepOrderAndAreEachAccountedForOnce() {
    int n = 10_000;
    int cap = 64;
    FakeProvider fake =
        FakeProvider.builder("fake")
            .randomLatency(Duration.ZERO, Duration.ofMillis(2), 2026)
            .build();
    EventRecorder events = new EventRecorder();
    List<ChatRequest> reqs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      reqs.add(ChatRequest.of("fake:m", "q" + i));
    }
    RunResult<ChatResponse> r;
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .limits("fake", Limits.concurrency(cap))
            .listener(events)
            .build()) {
      r = e.callAll(Call.all(reqs), RunOptions.DEFAULT);
    }
    assertThat(fake.peakConcurrency()).isLessThanOrEqualTo(cap).isGreaterThan(1);
    assertThat(r.outcomes()).hasSize(n).allMatch(Outcome::isSuccess);
    List<ChatResponse> values = r.values();
    for (int i = 0; i < n; i++) {
      assertThat(r.outcomes().get(i).timeline().index()).isEqualTo(i);
      assertThat(values.get(i).text()).isEqualTo("echo: q" + i);
    }
    // every request reached the provider exactly once
    assertThat(fake.calls()).isEqualTo(n);
    Map<String, Integer> seen = new HashMap<>();
    fake.requests().forEach(q -> seen.merge(q.lastUserMessage(), 1, Integer::sum));
    assertThat(seen).hasSize(n).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    // and every call got exactly one end event
    assertThat(events.count("callQueued")).isEqualTo(n);
    assertThat(events.count("callEnd")).isEqualTo(n);
    events.assertPaired();
  }
}
