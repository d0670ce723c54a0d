package io.chorus.bench;

import io.chorus.core.Attempt;
import io.chorus.core.Call;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.StreamObserver;
import io.chorus.providers.HttpTransport;
import io.chorus.providers.OpenAiCompatibleProvider;
import io.chorus.providers.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Chorus as a user would run it against the simulator: an {@link Engine} with the OpenAI-compatible
 * provider, the workload's concurrency as the provider's limit (and its rate limits when the
 * scenario has them), and one {@link Engine#callAll} per workflow. Run as its own process by {@link
 * PeerBench}.
 */
public final class ChorusClient {
  /**
   * The variable naming a PEM file of certificate authorities to trust, as a user of {@code chorus
   * sim --tls} passes it to {@link HttpTransport.Builder#trustedCertificates}.
   */
  static final String CA_FILE_VARIABLE = "BENCH_CA_FILE";

  private ChorusClient() {}

  public static void main(String[] argv) throws Exception {
    ClientArgs args = ClientArgs.parse(argv);
    int inFlight = Math.max(1, args.parallel() * args.fanout());
    HttpTransport.Builder tb = HttpTransport.builder().maxIdleConnections(Math.max(64, inFlight));
    String ca = System.getenv(CA_FILE_VARIABLE);
    if (ca != null && !ca.isBlank()) {
      tb.trustedCertificates(java.nio.file.Path.of(ca));
    }
    HttpTransport transport = tb.build();
    OpenAiCompatibleProvider provider =
        OpenAiCompatibleProvider.builder()
            .name("sim")
            .baseUrl(args.base() + "/v1")
            .apiKey(Secret.of("sk-bench"))
            .transport(transport)
            .maxCompletionTokensField(false)
            .synthetic(true)
            .build();
    Limits limits = Limits.concurrency(inFlight);
    if (args.rpm() > 0) {
      limits = limits.withRequestsPerMinute(args.rpm());
    }
    if (args.tpm() > 0) {
      limits = limits.withTokensPerMinute(args.tpm());
    }
    Engine.Builder b = Engine.builder().provider(provider).limits("sim", limits).seed(42);
    if (args.hedgeQuantile() > 0) {
      b.hedge(HedgePolicy.atQuantile(args.hedgeQuantile(), Duration.ofSeconds(1)));
    }
    String name = args.hedgeQuantile() > 0 ? "chorus+hedge" : "chorus";
    ModelId model = new ModelId("sim", args.model());
    CallOptions options =
        args.stream() ? CallOptions.DEFAULT.streaming(StreamObserver.NONE) : CallOptions.DEFAULT;
    RunOptions run = RunOptions.of(FailurePolicy.IGNORE).withCallOptions(options);

    double[] latencies = new double[args.workflows()];
    List<Outcome<ChatResponse>> all = java.util.Collections.synchronizedList(new ArrayList<>());
    ProcessMeter meter = new ProcessMeter();
    try (Engine engine = b.build()) {
      meter.start();
      if (args.fanout() == 1) {
        // one fan-out of N calls: the engine's own limits do the queueing
        List<ChatRequest> requests = new ArrayList<>(args.workflows());
        for (int i = 0; i < args.workflows(); i++) {
          requests.add(request(model, args, i));
        }
        RunResult<ChatResponse> result =
            engine.callAll(
                Call.all(requests), run.withDeadline(Duration.ofSeconds(args.maxSeconds())));
        all.addAll(result.outcomes());
        for (int i = 0; i < latencies.length; i++) {
          var t = result.outcomes().get(i).timeline();
          var from = t.admittedAt() != null ? t.admittedAt() : t.queuedAt();
          latencies[i] = Duration.between(from, t.endedAt()).toNanos() / 1e6;
        }
      } else {
        Semaphore permits = new Semaphore(args.parallel());
        try (ExecutorService workflows = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int w = 0; w < args.workflows(); w++) {
            permits.acquire();
            int wf = w;
            workflows.submit(
                () -> {
                  long t0 = System.nanoTime();
                  try {
                    List<ChatRequest> requests = new ArrayList<>(args.fanout());
                    for (int j = 0; j < args.fanout(); j++) {
                      requests.add(request(model, args, wf * args.fanout() + j));
                    }
                    all.addAll(engine.callAll(Call.all(requests), run).outcomes());
                  } finally {
                    latencies[wf] = (System.nanoTime() - t0) / 1e6;
                    permits.release();
                  }
                });
          }
          workflows.shutdown();
          workflows.awaitTermination(args.maxSeconds(), TimeUnit.SECONDS);
        }
      }
      meter.stop();
    }
    long ok = 0;
    long retries = 0;
    long hedges = 0;
    Map<String, Long> kinds = new TreeMap<>();
    synchronized (all) {
      for (Outcome<ChatResponse> o : all) {
        if (o.isSuccess()) {
          ok++;
        } else {
          kinds.merge(o.errorKind(), 1L, Long::sum);
        }
        retries +=
            o.timeline().attempts().stream().filter(a -> a.kind() == Attempt.Kind.RETRY).count();
        hedges += o.timeline().hedges();
      }
    }
    long calls = args.calls();
    Workload.report(
        new ClientResult(
            name,
            calls,
            ok,
            calls - ok,
            kinds,
            meter.wallMs(),
            meter.cpuMs(),
            meter.peakHeapMb(),
            ProcessMeter.peakRssMb(),
            meter.peakLiveHeapMb(),
            retries,
            hedges,
            Percentiles.of(latencies, 0.5),
            Percentiles.of(latencies, 0.99),
            Percentiles.of(latencies, 1.0)));
  }

  private static ChatRequest request(ModelId model, ClientArgs args, int i) {
    return ChatRequest.builder(model).user(args.promptFor(i)).maxTokens(args.maxTokens()).build();
  }
}
