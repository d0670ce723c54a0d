package io.chorus.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsTest {

  private static List<String> texts(String answer) {
    return Claims.split(answer).stream().map(Claim::text).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I agree",
        "I agree.",
        "I align with",
        "I align with Claude.",
        "I fully agree with Grok!",
        "We concur.",
        "Great question!",
        "Hello!",
        "Thanks",
        "As Grok, I'll kick off Round 1 by proposing three benefits.",
        "(Word count: 348)",
        "Let's iterate toward a unified list.",
        "Here are my thoughts:",
        "I disagree.",
        "In Round 1, I proposed three key benefits of async programming in Python."
      })
  void fillerAndMetaTalkNeverBecomeClaims(String sentence) {
    assertThat(Claims.split(sentence)).isEmpty();
    assertThat(Claims.isFiller(sentence)).isTrue();
  }

  @Test
  void seed000KeyAgreementsSectionYieldsNothing() {
    assertThat(Claims.split("## Key Agreements\n- I agree\n- I align with\n")).isEmpty();
  }

  @Test
  void leadingAgreementBecomesStanceAndSubstanceIsKept() {
    List<Claim> c =
        Claims.split(
            "I agree with Claude on the core of improved responsiveness: async prevents blocking.");
    assertThat(c)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.stance()).isEqualTo(Stance.AGREE);
              assertThat(x.text()).isEqualTo("Improved responsiveness: async prevents blocking.");
            });
  }

  @Test
  void disagreementKeepsItsSentenceSoPolarityCanReadIt() {
    List<Claim> c =
        Claims.split("However, I disagree that async is zero-cost; the event loop has overhead.");
    assertThat(c)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.stance()).isEqualTo(Stance.DISAGREE);
              assertThat(x.text()).startsWith("I disagree that async is zero-cost");
            });
  }

  @Test
  void structureListsHeadingsAndSentences() {
    String answer =
        """
        # Benefits of async
        Sure! Here are three benefits:

        1. **Improved I/O efficiency**: async avoids blocking on network calls.
        2) Scales to thousands of connections on one thread.
        - Coroutines read like sequential code. They avoid callback hell.

        ## Benefit 4: Lower memory use
        Each coroutine costs a few kilobytes, e.g. far less than a thread.

        ```python
        async def main():
            await asyncio.gather(a(), b())
        ```
        Example: a chat server built on websockets.

        ## Next Steps
        Ask Claude for edge cases.
        - Review both perspectives
        """;
    assertThat(texts(answer))
        .containsExactly(
            "Improved I/O efficiency: async avoids blocking on network calls.",
            "Scales to thousands of connections on one thread.",
            "Coroutines read like sequential code.",
            "They avoid callback hell.",
            "Lower memory use",
            "Each coroutine costs a few kilobytes, e.g. far less than a thread.");
  }

  @Test
  void shortAnswerIsOneClaimAndDuplicatesCollapse() {
    assertThat(texts("Paris")).containsExactly("Paris");
    assertThat(texts("**Paris.**")).containsExactly("Paris.");
    assertThat(texts("Caching helps. CACHING helps.")).containsExactly("Caching helps.");
    assertThat(Claims.split("   ")).isEmpty();
    assertThat(Claims.split(null)).isEmpty();
  }

  @Test
  void seed000GrokRound1KeepsTheBenefitsAndDropsMetaTalk() {
    List<String> c = texts(Fixtures.grokRound1());
    assertThat(c)
        .contains(
            "Enhanced Concurrency for I/O-Bound Tasks",
            "Resource Efficiency and Lower Overhead",
            "Simplified Code for Complex Workflows",
            "Async promotes readable, linear code for concurrent logic using await, avoiding"
                + " callback hell or manual thread synchronization.");
    assertNoMetaTalk(c);
    assertThat(c)
        .noneMatch(t -> t.contains("import asyncio") || t.contains("await asyncio.gather"));
  }

  @Test
  void seed000GrokRound2KeepsTheBenefitsAndDropsMetaTalk() {
    List<String> c = texts(Fixtures.grokRound2());
    assertThat(c)
        .contains(
            "Non-Blocking I/O for Efficiency.",
            "Scalable Concurrency Without Threads.",
            "Easier Reactive Programming.",
            "Frees the event loop during waits, boosting throughput.");
    assertThat(c)
        .anyMatch(t -> t.startsWith("Improved I/O Efficiency: Async allows non-blocking I/O"));
    assertNoMetaTalk(c);
    assertThat(c).noneMatch(t -> t.contains("Consensus") || t.contains("Aligns with both"));
  }

  private static void assertNoMetaTalk(List<String> claims) {
    assertThat(claims)
        .isNotEmpty()
        .noneMatch(
            t ->
                t.startsWith("I agree")
                    || t.startsWith("I align")
                    || t.startsWith("As Grok")
                    || t.contains("Word count")
                    || t.contains("Round ")
                    || t.startsWith("Let's")
                    || t.startsWith("I await")
                    || t.startsWith("I aimed")
                    || t.startsWith("This is my")
                    || t.endsWith(":"));
  }
}
