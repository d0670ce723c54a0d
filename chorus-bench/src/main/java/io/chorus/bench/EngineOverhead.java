package io.chorus.bench;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine overhead per call, measured as process CPU (all threads: carriers, GC, JIT) per call over
 * {@code calls} calls through {@link Engine#callAll} in batches of 1,000 against a zero-latency
 * in-memory transport, after a warm-up of the same size. An upper bound of the engine's own cost,
 * complementing the JMH benchmark {@link EngineOverheadBenchmark} (wall time per call). Prints a
 * {@code RESULT} line like the clients. Usage: {@code EngineOverhead [calls]}.
 */
public final class EngineOverhead {
  private EngineOverhead() {}

  public static void main(String[] argv) throws Exception {
    int calls = argv.length > 0 ? Integer.parseInt(argv[0]) : 200_000;
    int batch = 1000;
    ModelId model = new ModelId("fake", "instant");
    List<ChatRequest> requests = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      requests.add(ChatRequest.builder(model).user("overhead probe " + i).maxTokens(16).build());
    }
    try (Engine engine =
        Engine.builder()
            .provider(new InstantProvider("fake"))
            .limits("fake", Limits.concurrency(256))
            .seed(1)
            .build()) {
      long failures = runBatches(engine, requests, calls / batch); // warm-up: JIT, pools
      ProcessMeter meter = new ProcessMeter();
      meter.start();
      failures = runBatches(engine, requests, calls / batch);
      meter.stop();
      long done = (long) (calls / batch) * batch;
      Workload.report(
          new ClientResult(
              "chorus-engine",
              done,
              done - failures,
              failures,
              java.util.Map.of(),
              meter.wallMs(),
              meter.cpuMs(),
              meter.peakHeapMb(),
              ProcessMeter.peakRssMb(),
              meter.peakLiveHeapMb(),
              0,
              0,
              0,
              0,
              0));
    }
  }

  private static long runBatches(Engine engine, List<ChatRequest> requests, int batches) {
    long failures = 0;
    for (int b = 0; b < batches; b++) {
      RunResult<?> r = engine.callAll(Call.all(requests), RunOptions.DEFAULT);
      failures += r.failures().size();
    }
    return failures;
  }
}
