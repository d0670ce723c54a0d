package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails if engine code pins a carrier thread (JFR {@code jdk.VirtualThreadPinned}, threshold 0)
 * during a 1,000-call run that parks a lot: bulkhead queueing, retries with backoff, hedges and
 * real transport sleeps. A positive control proves the recording does see pinning.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PinningTest {
  @TempDir Path dir;

  /**
   * Blocks while initializing, which pins a virtual thread even on JDKs where monitors no longer
   * do.
   */
  static final class SlowInit {
    static {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static void touch() {}
  }

  private List<RecordedEvent> pinnedDuring(Runnable work) throws Exception {
    Path file = dir.resolve("pinning-" + System.nanoTime() + ".jfr");
    try (Recording rec = new Recording()) {
      rec.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
      rec.start();
      work.run();
      rec.stop();
      rec.dump(file);
    }
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
        .toList();
  }

  private static boolean inPackage(RecordedEvent e, String prefix) {
    if (e.getStackTrace() == null) {
      return false;
    }
    for (RecordedFrame f : e.getStackTrace().getFrames()) {
      if (f.getMethod() != null && f.getMethod().getType().getName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the pin is the JDK's: a contended monitor enter in JDK code (the top frame is the
   * JDK's), or the initialisation of a JDK class.
   */
  private static boolean jdkInternal(RecordedEvent e) {
    if (e.getStackTrace() == null
        || e.getStackTrace().getFrames().isEmpty()
        || !e.hasField("blockingOperation")) {
      return false;
    }
    RecordedFrame top = e.getStackTrace().getFrames().get(0);
    String type = top.getMethod() == null ? "" : top.getMethod().getType().getName();
    boolean jdk = type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
    if (jdk && "Contended monitor enter".equals(e.getString("blockingOperation"))) {
      return true;
    }
    // the initialisation of a JDK class (done, or waited for, on this thread)
    String reason = e.hasField("pinnedReason") ? String.valueOf(e.getString("pinnedReason")) : "";
    return JDK_CLASS_INIT.matcher(reason).find();
  }

  private static final java.util.regex.Pattern JDK_CLASS_INIT =
      java.util.regex.Pattern.compile("(initialization of|VM call to) (java|jdk|sun)\\.");

  @Test
  void theRecordingSeesPinning() throws Exception {
    List<RecordedEvent> pinned =
        pinnedDuring(
            () -> {
              try {
                Thread.ofVirtual().start(SlowInit::touch).join();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertThat(pinned).anyMatch(e -> inPackage(e, "io.chorus.testing.functional.PinningTest"));
  }

  private static RunResult<ChatResponse> workload(int calls) {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .randomLatency(Duration.ZERO, Duration.ofMillis(1), 5)
            .onMessage("q7", Reply.serverError(), Reply.text("after retry"))
            .build();
    RetryPolicy retry =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(2))
            .build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .limits("fake", Limits.concurrency(32))
            .retry(retry)
            .hedge(HedgePolicy.after(Duration.ofMillis(1)))
            .build()) {
      List<ChatRequest> reqs = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        reqs.add(ChatRequest.of("fake:m", "q" + i));
      }
      return e.callAll(Call.all(reqs), RunOptions.DEFAULT);
    }
  }

  @Test
  void engineCodeNeverPinsDuringAThousandCalls() throws Exception {
    // the first use of a class loads it under the JDK's class-loader monitor, which pins; that is
    // the JDK's, once per class, so the same workload runs once before the recording starts
    workload(300);
    List<RunResult<ChatResponse>> results = new ArrayList<>();
    List<RecordedEvent> pinned = pinnedDuring(() -> results.add(workload(1000)));
    assertThat(results.get(0).successes()).hasSize(1000);
    // a contended monitor inside the JDK is the JDK's, whoever called into it: JDK 25 guards a
    // virtual thread's interrupt status with a monitor (an interrupt racing Thread.sleep may block
    // the sleeper on it, pinned), and the recording's own throwable tracer initialises its class
    // under one when the first InterruptedException is made (and other threads wait for that
    // initialisation). Engine code has no monitors.
    List<RecordedEvent> ours =
        pinned.stream().filter(e -> inPackage(e, "io.chorus.core") && !jdkInternal(e)).toList();
    assertThat(ours).as("virtual threads pinned in engine code: %s", ours).isEmpty();
  }
}
