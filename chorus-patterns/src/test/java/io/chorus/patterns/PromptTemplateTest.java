package io.chorus.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

  @Test
  void substitutesVariablesIncludingSpacesAndSpecialCharacters() {
    PromptTemplate t = PromptTemplate.of("Summarise for {{ audience }}:\n\n{{input}}");
    assertThat(t.variables()).containsExactly("audience", "input");
    assertThat(t.render(Map.of("audience", "investors", "input", "costs $5 \\ more")))
        .isEqualTo("Summarise for investors:\n\ncosts $5 \\ more");
  }

  @Test
  void missingVariableIsNamed() {
    assertThatThrownBy(() -> PromptTemplate.of("{{input}} {{tone}}").render(Map.of("input", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{{tone}}");
  }

  @Test
  void escapedPlaceholderStaysLiteral() {
    PromptTemplate t = PromptTemplate.of("literal \\{{input}} and {{input}}");
    assertThat(t.variables()).containsExactly("input");
    assertThat(t.render(Map.of("input", "x"))).isEqualTo("literal {{input}} and x");
  }

  @Test
  void inputThatLooksLikeAPlaceholderIsNotExpandedAgain() {
    assertThat(PromptTemplate.of("{{input}}").render(Map.of("input", "{{secret}}")))
        .isEqualTo("{{secret}}");
  }
}
