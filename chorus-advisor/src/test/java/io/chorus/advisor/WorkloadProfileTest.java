package io.chorus.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadProfileTest {
  private static final WorkloadProfile FULL =
      new WorkloadProfile(WorkloadType.MIXED, 250, 300, 1024, 2, true, false, true, false, true);

  @Test
  void jsonRoundTrip() {
    assertThat(WorkloadProfile.fromJson(FULL.toJson())).isEqualTo(FULL);
    assertThat(FULL.toJson()).contains("\"workloadType\" : \"mixed\"");
  }

  @Test
  void mapAndFlagsAcceptCamelKebabAndFlagKeys() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workload-type", "mixed");
    m.put("--concurrency", "250");
    m.put("latency_ms", 300);
    m.put("memoryBudgetMb", 1024L);
    m.put("cpu-cores", "2");
    m.put("expensive-startup", "yes");
    m.put("sharedState", false);
    m.put("isolation", "y");
    m.put("blocking-libraries", "no");
    m.put("rate-limited-api", true);
    assertThat(WorkloadProfile.fromMap(m)).isEqualTo(FULL);
    assertThat(
            WorkloadProfile.fromArgs(
                "--workload-type=mixed",
                "--concurrency",
                "250",
                "--latency-ms",
                "300",
                "--memory-budget-mb",
                "1024",
                "--cpu-cores",
                "2",
                "--expensive-startup",
                "--isolation",
                "--rate-limited-api",
                "--shared-state=false"))
        .isEqualTo(FULL);
  }

  @Test
  void defaults() {
    WorkloadProfile p = WorkloadProfile.fromJson("{\"workloadType\":\"io\",\"concurrency\":3}");
    assertThat(p.workloadType()).isEqualTo(WorkloadType.IO_BOUND);
    assertThat(p.cpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(p.latencyMs()).isZero();
    assertThat(p.rateLimitedApi()).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      {"concurrency":3}                                              | workloadType   | is required
      {"workloadType":"gpu","concurrency":3}                         | workloadType   | io-bound, cpu-bound, mixed
      {"workloadType":"io-bound"}                                    | concurrency    | is required
      {"workloadType":"io-bound","concurrency":"many"}               | concurrency    | whole number
      {"workloadType":"io-bound","concurrency":0}                    | concurrency    | between 1
      {"workloadType":"io-bound","concurrency":2.5}                  | concurrency    | whole number
      {"workloadType":"io-bound","concurrency":2,"latencyMs":-5}     | latencyMs      | between 0
      {"workloadType":"io-bound","concurrency":2,"cpuCores":0}       | cpuCores       | between 1
      {"workloadType":"io-bound","concurrency":2,"isolation":"maybe"}| isolation      | yes/no
      {"workloadType":"io-bound","concurrency":2,"colour":"red"}     | colour         | unknown field
      {"workloadType":"io-bound","concurrency":2,"type":"cpu"}       | workloadType   | given twice
      [1,2]                                                          | (json)         | JSON object
      {"workloadType":                                               | (json)         | not valid JSON at line 1
      """)
  void errorsNameTheField(String json, String field, String message) {
    assertThatThrownBy(() -> WorkloadProfile.fromJson(json))
        .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining("field '" + field + "'")
        .hasMessageContaining(message);
  }

  @Test
  void flagErrorsNameTheField() {
    assertThatThrownBy(() -> WorkloadProfile.fromArgs("--workload-type", "cpu", "--concurrency"))
        .isInstanceOfSatisfying(
            ProfileException.class, e -> assertThat(e.field()).isEqualTo("concurrency"));
    assertThatThrownBy(() -> WorkloadProfile.fromArgs("cpu"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("expected a flag");
  }

  @Test
  void recordValidatesDirectConstruction() {
    assertThatThrownBy(
            () -> new WorkloadProfile(null, 1, 0, 0, 1, false, false, false, false, false))
        .hasMessageContaining("field 'workloadType'");
    assertThatThrownBy(
            () ->
                new WorkloadProfile(
                    WorkloadType.MIXED, 1, 0, -1, 1, false, false, false, false, false))
        .hasMessageContaining("field 'memoryBudgetMb'");
  }
}
