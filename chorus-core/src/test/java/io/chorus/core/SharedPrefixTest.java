package io.chorus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedPrefixTest {
  static final String DOC = "The shared document. ".repeat(400); // ~2,100 tokens

  static ChatRequest req(String model, String system, String user) {
    return ChatRequest.builder(model).system(system).user(user).build();
  }

  @Test
  void callsOfOneModelSharingALongStartAreMarkedUpToTheirFirstDifference() {
    List<ChatRequest> marked =
        SharedPrefix.mark(
            List.of(
                req("anthropic:claude-sonnet-4-5", "Be brief.", DOC + "Question one?"),
                req("anthropic:claude-sonnet-4-5", "Be brief.", DOC + "Question two?")));
    SharedPrefix a = marked.get(0).sharedPrefix();
    assertThat(a).isNotNull().isEqualTo(marked.get(1).sharedPrefix());
    assertThat(a.chars()).isEqualTo("Be brief.".length() + (DOC + "Question ").length());
    assertThat(a.end(marked.get(0))).containsExactly(1, (DOC + "Question ").length());
    assertThat(marked.get(0).identity())
        .isEqualTo(
            req("anthropic:claude-sonnet-4-5", "Be brief.", DOC + "Question one?").identity());
  }

  @Test
  void shortPrefixesLoneCallsOtherModelsAndUncachedProvidersAreLeftAlone() {
    List<ChatRequest> in = new ArrayList<>();
    in.add(req("anthropic:claude-sonnet-4-5", null, "short " + 1));
    in.add(req("anthropic:claude-sonnet-4-5", null, "short " + 2));
    in.add(req("openai:gpt-4o", null, DOC + "alone"));
    in.add(req("ollama:llama3", null, DOC + "a"));
    in.add(req("ollama:llama3", null, DOC + "b"));
    in.add(null); // a nested pattern's place
    List<ChatRequest> out = SharedPrefix.mark(in);
    assertThat(out).containsExactlyElementsOf(in);
  }

  @Test
  void differentSystemPromptsShareNothingAndHaikuNeedsAPrefixOf4096Tokens() {
    assertThat(
            SharedPrefix.mark(
                    List.of(
                        req("anthropic:claude-sonnet-4-5", "Persona A", DOC),
                        req("anthropic:claude-sonnet-4-5", "Persona B", DOC)))
                .get(0)
                .sharedPrefix())
        .isNull();
    assertThat(
            SharedPrefix.mark(
                    List.of(
                        req("anthropic:claude-haiku-4-5", null, DOC + "1"),
                        req("anthropic:claude-haiku-4-5", null, DOC + "2")))
                .get(0)
                .sharedPrefix())
        .isNull();
    assertThat(SharedPrefix.minCacheableTokens(ModelId.parse("openai:gpt-4o"))).isEqualTo(1024);
  }
}
