package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.Provider;
import io.chorus.sim.Simulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Self-consistency samples differ only by sample index; on the simulator they must still differ.
 */
class SampleIndependenceTest {

  static String answer(Provider p, int sample) throws InterruptedException {
    ChatRequest r =
        ChatRequest.builder("sim:fast")
            .user("Name a colour.")
            .temperature(0.9)
            .sampleIndex(sample)
            .build();
    return p.call(r, CallContext.standalone(Duration.ofSeconds(10))).text();
  }

  @Test
  void samplesOfTheSameRequestGetIndependentAnswersAndRepeatsGetTheSame() throws Exception {
    try (Simulator sim = Simulator.builder().seed(11).start();
        Provider p =
            OpenAiCompatibleProvider.builder()
                .name("sim")
                .baseUrl(sim.baseUrl() + "/v1")
                .synthetic(true)
                .build()) {
      String first = answer(p, 0);
      assertThat(answer(p, 0)).isEqualTo(first);
      assertThat(answer(p, 1)).isNotEqualTo(first);
      assertThat(answer(p, 2)).isNotEqualTo(answer(p, 1));
      assertThat(answer(p, 2)).isEqualTo(answer(p, 2));
    }
  }
}
