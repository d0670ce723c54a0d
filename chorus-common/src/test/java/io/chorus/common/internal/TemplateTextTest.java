package io.chorus.common.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one template grammar and error rule behind both public PromptTemplates. */
class TemplateTextTest {

  private static TemplateText scan(String text, boolean brackets, List<TemplateText.Error> errors) {
    return TemplateText.scan("t.md", text, 3, brackets, errors);
  }

  @Test
  void aVariableWithoutAValueNamesItsFileAndLine() {
    TemplateText t =
        scan("Task: {{ task }}\nLimits: {{limits}}\nAgain {{limits}}", false, new ArrayList<>());
    assertThat(t.names()).containsExactly("task", "limits");
    assertThatThrownBy(() -> t.fill(Map.of("task", "x"), Object::toString))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("t.md:4: variable 'limits' (written {{limits}}) has no value");
    assertThat(t.fill(Map.of("task", "x", "limits", "{{task}}", "extra", 1), Object::toString))
        .isEqualTo("Task: x\nLimits: {{task}}\nAgain {{task}}");
  }

  @Test
  void escapesAndMalformedVariablesStayText() {
    List<TemplateText.Error> errors = new ArrayList<>();
    TemplateText t =
        scan("literal \\{{input}} and {{input}}, {{not a var}}, {{ open\n", false, errors);
    assertThat(t.names()).containsExactly("input");
    assertThat(t.fill(Map.of("input", "x"), Object::toString))
        .isEqualTo("literal {{input}} and x, {{not a var}}, {{ open\n");
    assertThat(errors)
        .extracting(Object::toString)
        .containsExactly(
            "t.md:3: '{{not a var}}' is not a variable (names are letters, digits, _ . -); write \\{{ for a literal {{",
            "t.md:3: '{{' is not closed by '}}' on the same line; write \\{{ for a literal {{");
  }

  @Test
  void bracketedPlaceholdersOnlyWhenAsked() {
    String text = "Do [DESCRIBE YOUR TASK HERE], see [docs](x), tick [ ], keep \\[LITERAL TEXT]";
    assertThat(scan(text, false, new ArrayList<>()).names()).isEmpty();
    TemplateText t = scan(text, true, new ArrayList<>());
    assertThat(t.names()).containsExactly("describe_your_task_here");
    assertThat(t.fill(Map.of("describe_your_task_here", "it"), Object::toString))
        .isEqualTo("Do it, see [docs](x), tick [ ], keep [LITERAL TEXT]");
    assertThat(TemplateText.bracketName("PASTE CODE / DIFF")).isEqualTo("paste_code_diff");
  }
}
