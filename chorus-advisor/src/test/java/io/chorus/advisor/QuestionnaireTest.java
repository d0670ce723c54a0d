package io.chorus.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuestionnaireTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private Questionnaire scripted(String answers) {
    return new Questionnaire(new BufferedReader(new StringReader(answers)), out, 2);
  }

  @Test
  void buildsTheProfileFromAnswersAndRetriesBadOnes() {
    // type, concurrency (bad, then good), latency default, memory, cores default, 4 yes/no, rate
    // limit (bad, then y)
    String answers =
        String.join("\n", "mixed", "lots", "120", "", "512", "", "n", "y", "n", "n", "maybe", "y")
            + "\n";
    WorkloadProfile p = scripted(answers).ask();
    assertThat(p)
        .isEqualTo(
            new WorkloadProfile(
                WorkloadType.MIXED, 120, 0, 512, 2, false, true, false, false, true));
    String transcript = bytes.toString(StandardCharsets.UTF_8);
    assertThat(transcript)
        .contains("! expected a whole number, got \"lots\"")
        .contains("! answer y or n")
        .contains("rate limits")
        .contains("[2]");
  }

  @Test
  void cpuBoundSkipsTheRateLimitQuestion() {
    WorkloadProfile p = scripted("cpu-bound\n8\n\n\n4\n\n\n\n\n").ask();
    assertThat(p.workloadType()).isEqualTo(WorkloadType.CPU_BOUND);
    assertThat(p.cpuCores()).isEqualTo(4);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("rate limits");
    assertThat(new Advisor().advise(p, BenchFigures.none("test")).approach())
        .isEqualTo(Approach.FORK_JOIN);
  }

  @Test
  void endOfInputNamesTheUnansweredField() {
    assertThatThrownBy(() -> scripted("io-bound\n").ask())
        .isInstanceOfSatisfying(
            ProfileException.class, e -> assertThat(e.field()).isEqualTo("concurrency"));
  }

  @Test
  void requiredQuestionRejectsEmptyAnswer() {
    WorkloadProfile p = scripted("\nio\n3\n\n\n\n\n\n\n\n\n").ask();
    assertThat(p.workloadType()).isEqualTo(WorkloadType.IO_BOUND);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("! an answer is required");
  }
}
