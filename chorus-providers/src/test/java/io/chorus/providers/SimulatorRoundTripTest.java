package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StreamObserver;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clients against the in-process simulator (chorus-sim) on loopback, both protocols, over both
 * paths a user gets: plain HTTP (Chorus's own HTTP/1.1 client) and HTTPS ({@code
 * Simulator.Builder.tls()}, OkHttp, the simulator's authority trusted through {@code
 * trustedCertificates} as {@code --ca} does).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"plain HTTP/1.1", "OkHttp HTTP/1.1 over TLS"})
class SimulatorRoundTripTest {
  static final CallContext CTX =
      new CallContext("sim/1", 1, Duration.ofSeconds(20), null, Duration.ofSeconds(1));

  @org.junit.jupiter.params.Parameter String over;

  static Simulator sim;
  static java.nio.file.Path caFile;
  static HttpTransport transport;
  static ProviderRegistry anthropicSide;
  static ProviderRegistry openaiSide;

  /** A new transport, trusting the simulator's authority when it serves TLS. */
  static HttpTransport newTransport() {
    return caFile == null
        ? HttpTransport.create()
        : HttpTransport.builder().trustedCertificates(caFile).build();
  }

  @BeforeParameterizedClassInvocation
  static void start(String over) throws java.io.IOException {
    Map<FaultKind, String> faulty = faultModels();
    Simulator.Builder b =
        Simulator.builder()
            .seed(7)
            .requireApiKey(true)
            .stallLimit(Duration.ofSeconds(10))
            .model("thinker", ModelBehaviour.INSTANT.toBuilder().reasoning(true).build())
            .model(
                "trickle", ModelBehaviour.builder().ttft(Duration.ZERO).tokensPerSecond(4).build());
    faulty.forEach(
        (kind, model) ->
            b.model(
                model,
                ModelBehaviour.INSTANT.toBuilder()
                    .fault(FaultRule.always(kind).withRetryAfter(Duration.ofMillis(1500)))
                    .build()));
    sim = b.tls(over.contains("TLS")).start();
    caFile = null;
    if (sim.tls()) {
      caFile = java.nio.file.Files.createTempFile("chorus-sim-ca", ".pem");
      caFile.toFile().deleteOnExit();
      java.nio.file.Files.writeString(caFile, sim.caCertificatePem());
    }
    transport = newTransport();
    // real provider names, pointed at the simulator as a user would with *_BASE_URL
    anthropicSide =
        ProviderRegistry.builder()
            .transport(transport)
            .environment(
                Map.of(
                    "ANTHROPIC_API_KEY",
                    "sk-ant-sim-0000000000000000000000",
                    "ANTHROPIC_BASE_URL",
                    sim.baseUrl()))
            .build();
    openaiSide =
        ProviderRegistry.builder()
            .transport(transport)
            .environment(
                Map.of(
                    "OPENAI_API_KEY",
                    "sk-sim-000000000000000000000000",
                    "OPENAI_BASE_URL",
                    sim.baseUrl() + "/v1"))
            .build();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    anthropicSide.close();
    openaiSide.close();
    transport.close();
    sim.close();
  }

  static Map<FaultKind, String> faultModels() {
    Map<FaultKind, String> m = new java.util.EnumMap<>(FaultKind.class);
    for (FaultKind k : FaultKind.values()) {
      m.put(k, "fault-" + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    return m;
  }

  static Provider provider(WireFormat format) {
    return format == WireFormat.ANTHROPIC
        ? anthropicSide.require("anthropic")
        : openaiSide.require("openai");
  }

  static ChatRequest request(WireFormat format, String model) {
    String provider = format == WireFormat.ANTHROPIC ? "anthropic" : "openai";
    return ChatRequest.builder(provider + ":" + model)
        .system("You are terse.")
        .user("Name three colours.")
        .maxTokens(200)
        .build();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void callAndStreamAgree(WireFormat format) throws Exception {
    Provider p = provider(format);
    ChatResponse called = p.call(request(format, "instant"), CTX);
    List<String> deltas = new ArrayList<>();
    ChatResponse streamed = p.stream(request(format, "instant"), CTX, deltas::add);

    assertThat(called.text()).isNotBlank();
    assertThat(streamed.text()).isEqualTo(String.join("", deltas)).isEqualTo(called.text());
    assertThat(called.usage().inputTokens()).isPositive();
    assertThat(called.usage().outputTokens()).isPositive();
    assertThat(streamed.usage()).isEqualTo(called.usage());
    assertThat(called.requestId()).isNotBlank();
    assertThat(streamed.requestId()).isNotBlank();
    assertThat(called.rateLimits()).isNotNull();
    assertThat(called.rateLimits().requestsRemaining()).isNotNull();
    assertThat(streamed.timeToFirstToken()).isNotNull();
  }

  @Test
  void reasoningContentFromTheSimulator() throws Exception {
    List<String> reasoning = new ArrayList<>();
    StreamObserver observer =
        new StreamObserver() {
          @Override
          public void onText(String delta) {}

          @Override
          public void onReasoning(String delta) {
            reasoning.add(delta);
          }
        };
    ChatResponse r =
        provider(WireFormat.OPENAI).stream(request(WireFormat.OPENAI, "thinker"), CTX, observer);
    assertThat(r.reasoning()).isNotBlank().isEqualTo(String.join("", reasoning));
  }

  static Stream<Arguments> faults() {
    List<Arguments> rows = new ArrayList<>();
    for (WireFormat f : WireFormat.values()) {
      for (boolean stream : new boolean[] {false, true}) {
        rows.add(Arguments.of(f, stream, FaultKind.RATE_LIMIT, ProviderError.RateLimited.class));
        rows.add(
            Arguments.of(f, stream, FaultKind.QUOTA_EXHAUSTED, ProviderError.QuotaExhausted.class));
        rows.add(Arguments.of(f, stream, FaultKind.SERVER_ERROR, ProviderError.ServerError.class));
        rows.add(Arguments.of(f, stream, FaultKind.UNAVAILABLE, ProviderError.Overloaded.class));
        rows.add(Arguments.of(f, stream, FaultKind.OVERLOADED, ProviderError.Overloaded.class));
        rows.add(
            Arguments.of(
                f, stream, FaultKind.CONNECTION_RESET, ProviderError.ConnectionFailed.class));
      }
      rows.add(Arguments.of(f, true, FaultKind.STALL, ProviderError.Timeout.class));
      rows.add(Arguments.of(f, true, FaultKind.MID_STREAM_ERROR, null));
      rows.add(
          Arguments.of(f, true, FaultKind.TRUNCATED_STREAM, ProviderError.ConnectionFailed.class));
      rows.add(
          Arguments.of(f, false, FaultKind.MALFORMED_JSON, ProviderError.MalformedResponse.class));
      rows.add(
          Arguments.of(f, true, FaultKind.MALFORMED_JSON, ProviderError.MalformedResponse.class));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} stream={1} {2}")
  @MethodSource("faults")
  void simulatedFaultsAreClassified(
      WireFormat format, boolean stream, FaultKind kind, Class<? extends ProviderError> expected) {
    Provider p = provider(format);
    ChatRequest req = request(format, faultModels().get(kind));
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () -> {
              if (stream) {
                p.stream(req, CTX, StreamObserver.NONE);
              } else {
                p.call(req, CTX);
              }
            });
    assertThat(e).as("%s %s stream=%s", format, kind, stream).isNotNull();
    if (expected != null) {
      assertThat(e.error())
          .as("%s %s stream=%s: %s", format, kind, stream, e.getMessage())
          .isInstanceOf(expected);
    } else {
      assertThat(e.error().httpStatus()).isEqualTo(200);
      assertThat(e.error().message()).contains("inside the stream");
    }
    switch (e.error()) {
      case ProviderError.RateLimited r ->
          assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(1500));
      case ProviderError.Timeout t -> assertThat(t.phase()).isEqualTo(ProviderError.Phase.IDLE);
      case ProviderError.QuotaExhausted q -> assertThat(e.retryable()).isFalse();
      default -> {}
    }
  }

  @Test
  void interruptClosesTheConnectionTheSimulatorSees() throws Exception {
    // a provider of its own, so that its connection is new rather than one from the shared pool
    try (HttpTransport own = newTransport();
        Provider p =
            AnthropicProvider.builder()
                .baseUrl(sim.baseUrl())
                .apiKey(Secret.of("sk-ant-cancel-0000000000000000"))
                .transport(own)
                .build()) {
      assertInterruptCloses(p);
    }
  }

  private void assertInterruptCloses(Provider p) throws Exception {
    long openBefore = sim.stats().openConnections();
    CountDownLatch firstDelta = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    p.stream(
                        request(WireFormat.ANTHROPIC, "trickle"),
                        CallContext.standalone(Duration.ofSeconds(60)),
                        d -> firstDelta.countDown());
                  } catch (Throwable t) {
                    thrown.set(t);
                  }
                });
    assertThat(firstDelta.await(15, TimeUnit.SECONDS)).isTrue();
    assertThat(sim.stats().openConnections()).isGreaterThan(openBefore);
    caller.interrupt();
    assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sim.stats().openConnections() > openBefore && System.nanoTime() < deadline) {
      Thread.sleep(10); // polling another component's counter; there is no event to wait on
    }
    assertThat(sim.stats().openConnections())
        .as("the simulator saw the connection close")
        .isLessThanOrEqualTo(openBefore);
  }
}
