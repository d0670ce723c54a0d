package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.ProviderException;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batch route against the simulator's batch APIs, Anthropic and OpenAI: a wave of calls is one
 * batch, answered as the calls would be; over the limits it is split; a route that stops while the
 * provider works (a kill) leaves a ledger from which the next route polls the same batches and
 * submits nothing again; errored items fail with the provider's reason, not retryable.
 */
class BatchRouteTest {
  @TempDir Path dir;

  private static Provider provider(Simulator sim, boolean anthropic) {
    return anthropic
        ? AnthropicProvider.builder()
            .baseUrl(sim.baseUrl())
            .apiKey(Secret.of("sk-ant-test"))
            .synthetic(true)
            .build()
        : OpenAiCompatibleProvider.builder()
            .name("openai")
            .baseUrl(sim.baseUrl() + "/v1")
            .apiKey(Secret.of("sk-test"))
            .synthetic(true)
            .build();
  }

  private static String model(boolean anthropic) {
    return anthropic ? "anthropic:claude-haiku-4-5" : "openai:gpt-4o-mini";
  }

  private static List<ChatRequest> requests(boolean anthropic, int n) {
    List<ChatRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ChatRequest.builder(model(anthropic)).user("question " + i).maxTokens(40).build());
    }
    return out;
  }

  /** Calls them all at once (a wave); each result or the exception it threw. */
  private static List<Object> callAll(Provider p, List<ChatRequest> requests) throws Exception {
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ChatResponse>> fs = new ArrayList<>();
      for (ChatRequest r : requests) {
        fs.add(ex.submit(() -> p.call(r, CallContext.standalone(Duration.ofSeconds(30)))));
      }
      List<Object> out = new ArrayList<>();
      for (Future<ChatResponse> f : fs) {
        try {
          out.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          out.add(e.getCause());
        }
      }
      return out;
    }
  }

  @ParameterizedTest(name = "anthropic={0}")
  @ValueSource(booleans = {true, false})
  void aWaveIsOneBatchAnsweredAsCallsAre(boolean anthropic) throws Exception {
    try (Simulator sim =
            Simulator.builder().batches(Duration.ofMillis(50), Duration.ofHours(1)).start();
        Provider direct = provider(sim, anthropic)) {
      List<BatchStatus> seen = new CopyOnWriteArrayList<>();
      BatchLedger ledger = BatchLedger.inMemory();
      try (BatchRoute route =
          BatchRoute.builder(provider(sim, anthropic))
              .ledger(ledger)
              .linger(Duration.ofMillis(30))
              .pollInterval(Duration.ofMillis(10))
              .onStatus(seen::add)
              .build()) {
        assertThat(route.batched()).isTrue();
        List<ChatRequest> reqs = requests(anthropic, 5);
        List<Object> got = callAll(route, reqs);
        assertThat(ledger.submissions()).hasSize(1);
        assertThat(ledger.submissions().get(0).customIds()).hasSize(5);
        assertThat(ledger.submissions().get(0).ended()).isTrue();
        for (int i = 0; i < reqs.size(); i++) {
          ChatResponse viaBatch = (ChatResponse) got.get(i);
          ChatResponse call =
              direct.call(reqs.get(i), CallContext.standalone(Duration.ofSeconds(10)));
          assertThat(viaBatch.text()).isEqualTo(call.text());
          assertThat(viaBatch.usage()).isEqualTo(call.usage());
          assertThat(viaBatch.synthetic()).isTrue();
        }
        assertThat(seen).anyMatch(s -> !s.ended()).anyMatch(BatchStatus::ended);
        assertThat(seen.get(seen.size() - 1).succeeded()).isEqualTo(5);
      }
    }
  }

  @ParameterizedTest(name = "anthropic={0}")
  @ValueSource(booleans = {true, false})
  void aWaveOverTheLimitIsSplit(boolean anthropic) throws Exception {
    try (Simulator sim =
            Simulator.builder()
                .batches(Duration.ofMillis(20), Duration.ofHours(1))
                .batchMaxRequests(2)
                .start();
        Provider p = provider(sim, anthropic)) {
      BatchApi api = BatchApi.of(p).orElseThrow();
      BatchApi small =
          api instanceof AnthropicBatches a
              ? a.withLimits(new BatchLimits(2, 1 << 20))
              : ((OpenAiBatches) api).withLimits(new BatchLimits(2, 1 << 20));
      BatchLedger ledger = BatchLedger.inMemory();
      try (BatchRoute route =
          BatchRoute.builder(p)
              .api(small)
              .ledger(ledger)
              // the wave is split by the limit, not closed by the linger: a linger longer than any
              // gap between the test's five arrivals (tens of ms on a loaded machine; 30 ms gave
              // [2, 1, 2]) lets all five join before the one flush
              .linger(Duration.ofSeconds(2))
              .pollInterval(Duration.ofMillis(10))
              .build()) {
        List<Object> got = callAll(route, requests(anthropic, 5));
        assertThat(got).allMatch(o -> o instanceof ChatResponse);
        assertThat(ledger.submissions())
            .extracting(s -> s.customIds().size())
            .containsExactly(2, 2, 1);
      }
      // by bytes too: a limit of one request's size puts each in a batch of its own
      BatchRequest one = new BatchRequest("x", requests(anthropic, 1).get(0));
      BatchApi tiny =
          api instanceof AnthropicBatches a
              ? a.withLimits(new BatchLimits(100, api.size(one)))
              : ((OpenAiBatches) api).withLimits(new BatchLimits(100, api.size(one)));
      assertThat(tiny.split(List.of(one, one, one))).hasSize(3);
    }
  }

  @ParameterizedTest(name = "anthropic={0}")
  @ValueSource(booleans = {true, false})
  void aRouteStoppedWhileTheProviderWorksResumesWithoutSubmittingAgain(boolean anthropic)
      throws Exception {
    Path ledgerFile = dir.resolve("ledger.jsonl");
    try (Simulator sim =
        Simulator.builder().batches(Duration.ofMillis(600), Duration.ofHours(1)).start()) {
      List<ChatRequest> reqs = requests(anthropic, 4);
      BatchRoute first =
          BatchRoute.builder(provider(sim, anthropic))
              .ledger(BatchLedger.file(ledgerFile))
              // all four must be in the one batch the run dies with: a linger longer than any gap
              // between their arrivals (20 ms let one go alone on a loaded machine)
              .linger(Duration.ofSeconds(2))
              .pollInterval(Duration.ofMillis(10))
              .build();
      List<BatchStatus> submitted = new CopyOnWriteArrayList<>();
      try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
        for (ChatRequest r : reqs) {
          ex.submit(() -> first.call(r, CallContext.standalone(Duration.ofSeconds(30))));
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (BatchLedger.file(ledgerFile).submissions().isEmpty()
            && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        first.close(); // the run dies while the provider works
        ex.shutdownNow();
      }
      assertThat(BatchLedger.file(ledgerFile).submissions()).hasSize(1);
      String model = anthropic ? "claude-haiku-4-5" : "gpt-4o-mini";
      assertThat(sim.stats().forModel(model).requests()).isEqualTo(4);

      try (BatchRoute second =
          BatchRoute.builder(provider(sim, anthropic))
              .ledger(BatchLedger.file(ledgerFile))
              .linger(Duration.ofMillis(20))
              .pollInterval(Duration.ofMillis(10))
              .onStatus(submitted::add)
              .build()) {
        List<Object> got = callAll(second, reqs);
        assertThat(got).allMatch(o -> o instanceof ChatResponse);
      }
      // the same batch was polled, nothing was submitted again
      assertThat(BatchLedger.file(ledgerFile).submissions()).hasSize(1);
      assertThat(BatchLedger.file(ledgerFile).submissions().get(0).ended()).isTrue();
      assertThat(sim.stats().forModel(model).requests()).isEqualTo(4);
      assertThat(submitted)
          .allMatch(
              s -> s.id().equals(BatchLedger.file(ledgerFile).submissions().get(0).batchId()));
    }
  }

  @ParameterizedTest(name = "anthropic={0}")
  @ValueSource(booleans = {true, false})
  void anErroredItemFailsWithTheProvidersReasonAndIsNotRetried(boolean anthropic) throws Exception {
    String model = anthropic ? "claude-haiku-4-5" : "gpt-4o-mini";
    try (Simulator sim =
            Simulator.builder()
                .batches(Duration.ofMillis(20), Duration.ofHours(1))
                .fault(FaultRule.on(FaultKind.SERVER_ERROR, 2).forModel(model))
                .start();
        BatchRoute route =
            BatchRoute.builder(provider(sim, anthropic))
                .linger(Duration.ofMillis(20))
                .pollInterval(Duration.ofMillis(10))
                .build()) {
      List<Object> got = callAll(route, requests(anthropic, 3));
      List<ProviderException> failed =
          got.stream()
              .filter(o -> o instanceof ProviderException)
              .map(o -> (ProviderException) o)
              .toList();
      assertThat(failed).hasSize(1);
      assertThat(failed.get(0).retryable()).isFalse();
      assertThat(failed.get(0).getMessage()).contains("errored").contains("simulated fault");
    }
  }
}
