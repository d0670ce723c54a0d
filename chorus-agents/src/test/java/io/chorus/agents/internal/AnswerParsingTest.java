package io.chorus.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerParsingTest {

  @Test
  void handoverByLineOrJsonField() throws Exception {
    assertThat(Handover.requested("Out of scope.\nHANDOVER: java-fundamentals\n", null))
        .contains("java-fundamentals");
    assertThat(Handover.requested("**Handover:** `judge`", null)).contains("judge");
    assertThat(Handover.requested("handover: `judge`", null)).contains("judge");
    assertThat(Handover.requested("We could hand over: no", null)).isEmpty();
    assertThat(
            Handover.requested(
                "{}", new ObjectMapper().readTree("{\"handover\": \"synthesizer\"}")))
        .contains("synthesizer");
    assertThat(Handover.requested("text mentioning HANDOVER: x inside a sentence", null)).isEmpty();
  }

  @Test
  void triggerKeywordsDropStopWordsAndPlurals() {
    assertThat(Keywords.of("Python basics needed")).containsExactly("python", "basic");
    assertThat(Keywords.of("Async web frameworks")).containsExactly("async", "web", "framework");
    assertThat(Keywords.of("Security review requested"))
        .containsExactly("security", "review", "requested");
    assertThat(Keywords.matches(List.of("python", "basic"), "Explain Python basics please"))
        .isTrue();
    assertThat(Keywords.matches(List.of("python", "basic"), "Python asyncio deep dive")).isFalse();
    assertThat(Keywords.matches(List.of(), "anything")).isFalse();
    assertThat(Keywords.of("this is needed")).isEmpty();
  }

  @Test
  void bracketNamesAreDerivedPredictably() {
    assertThat(
            io.chorus.common.internal.TemplateText.bracketName(
                "DESCRIBE YOUR CONCURRENT TASK HERE"))
        .isEqualTo("describe_your_concurrent_task_here");
    assertThat(io.chorus.common.internal.TemplateText.bracketName("PASTE CODE / DIFF"))
        .isEqualTo("paste_code_diff");
  }
}
