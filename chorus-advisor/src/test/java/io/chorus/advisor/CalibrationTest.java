package io.chorus.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void calibrationMeasuresEveryWorkloadTypeAndTheAdvisorQuotesIt() {
    List<String> progress = new ArrayList<>();
    BenchFigures f = BenchFigures.calibrate(progress::add);
    assertThat(f.origin()).contains("calibration");
    for (WorkloadType t : WorkloadType.values()) {
      for (Approach a : Approach.values()) {
        if (a == Approach.SEQUENTIAL) continue;
        if (a == Approach.PROCESSES && t != WorkloadType.CPU_BOUND) {
          assertThat(f.expect(t, a).measured()).isFalse(); // child JVMs only on the CPU kernel
          continue;
        }
        Expectation e = f.expect(t, a);
        assertThat(e.measured()).as(t + "/" + a + ": " + e.source()).isTrue();
        assertThat(e.speedup()).isPositive();
        assertThat(e.source()).contains("calibration");
      }
    }
    Recommendation r =
        new Advisor()
            .advise(
                WorkloadProfile.fromArgs(
                    "--workload-type", "io-bound", "--concurrency", "60", "--cpu-cores", "2"),
                f);
    assertThat(r.expectation().measured()).isTrue();
    assertThat(progress).isNotEmpty();
    assertThat(f.childJvmMb()).isPresent();
  }
}
