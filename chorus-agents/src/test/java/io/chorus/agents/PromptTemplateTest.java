package io.chorus.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

  @Test
  void seed002BracketPlaceholderIsAVariable() throws Exception {
    PromptTemplate t = Agents.parseTemplate(AgentFileTest.seed("templates/async-master-prompt.md"));
    assertThat(t.name()).isEqualTo("async-master-prompt");
    assertThat(t.variables()).containsExactly("describe_your_concurrent_task_here");
    assertThat(t.occurrences().get(0).line()).isEqualTo(167);
    assertThat(t.occurrences().get(0).written()).isEqualTo("[DESCRIBE YOUR CONCURRENT TASK HERE]");
    String out = t.render(Map.of("describe_your_concurrent_task_here", "Crawl 10k URLs politely"));
    assertThat(out)
        .contains("### MY CONCURRENCY PROJECT:\n\nCrawl 10k URLs politely\n")
        .contains("- [ ] Proper error handling per task");
  }

  @Test
  void missingAndUnusedVariablesAreErrors() {
    PromptTemplate t =
        PromptTemplate.ofText("t.md", "Task:\n{{task}}\nLimits: {{ limits }}\n", 1, true);
    assertThat(t.variables()).containsExactly("task", "limits");
    assertThatThrownBy(() -> t.render(Map.of("task", "x", "colour", "blue")))
        .isInstanceOf(DefinitionException.class)
        .hasMessage(
            "t.md:3: variable 'limits' (written {{ limits }}) has no value\n"
                + "t.md:2: a value was given for 'colour', which template 't' does not use (its variables: task, limits)");
    assertThat(t.renderIgnoringExtra(Map.of("task", "a", "limits", "b", "colour", "c")))
        .isEqualTo("Task:\na\nLimits: b\n");
  }

  @Test
  void escapesLinksAndCheckboxesStayText() {
    PromptTemplate t =
        PromptTemplate.ofText(
            "t.md",
            "\\{{literal}} {{x}} \\[NOT A VAR] [a link](http://x) [LINK TEXT](http://y) - [ ] box [X] [YOUR NAME]",
            1,
            true);
    assertThat(t.variables()).containsExactly("x", "your_name");
    assertThat(t.render(Map.of("x", "1", "your_name", "Ada")))
        .isEqualTo(
            "{{literal}} 1 [NOT A VAR] [a link](http://x) [LINK TEXT](http://y) - [ ] box [X] Ada");
  }

  @Test
  void bracketsAreOnlyVariablesInTemplateFiles() {
    PromptTemplate body = PromptTemplate.ofText("a.md", "see [THE DOCS] and {{q}}", 5, false);
    assertThat(body.variables()).containsExactly("q");
  }

  @Test
  void malformedVariableIsAnErrorWithLine() {
    List<Problem> problems = new ArrayList<>();
    PromptTemplate.ofText("t.md", "ok\n{{ not closed\n{{two words}}\n", 10, true, problems);
    assertThat(problems.stream().map(Problem::toString))
        .containsExactly(
            "t.md:11: '{{' is not closed by '}}' on the same line; write \\{{ for a literal {{",
            "t.md:12: '{{two words}}' is not a variable (names are letters, digits, _ . -); write \\{{ for a literal {{");
  }

  @Test
  void validatingATemplateFileReportsItsProblems(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path t =
        java.nio.file.Files.createDirectories(dir.resolve("templates")).resolve("t.md");
    java.nio.file.Files.writeString(
        t, "---\nname: t\ncolour: red\n---\nLine one\n{{ two words }}\n");
    assertThat(Agents.validate(t).stream().map(Problem::toString))
        .containsExactly(
            t + ":3: warning: unknown key 'colour' (ignored)",
            t
                + ":6: '{{two words}}' is not a variable (names are letters, digits, _ . -); write \\{{ for a literal {{");
  }

  @Test
  void templateFileFrontMatterDeclaresVariables() {
    List<Problem> problems = new ArrayList<>();
    PromptTemplate t =
        PromptTemplate.parseFile(
            "templates/x.md",
            "---\nname: x-task\nagent: jvm-concurrency-expert\nvariables:\n  task: what to build\n  budget: money\n---\nDo {{task}}.\n",
            problems);
    assertThat(t).isNull();
    assertThat(problems.stream().map(Problem::toString))
        .containsExactly(
            "templates/x.md:6: declared variable 'budget' does not occur in the template (it has: task)");
    problems.clear();
    PromptTemplate ok =
        PromptTemplate.parseFile(
            "templates/x.md",
            "---\nname: x-task\nagent: a\nvariables:\n  task: what\n---\nDo {{task}}.\n",
            problems);
    assertThat(ok.name()).isEqualTo("x-task");
    assertThat(ok.agent()).isEqualTo("a");
    assertThat(ok.declaredVariables()).containsEntry("task", "what");
    assertThat(ok.render(Map.of("task", "it"))).isEqualTo("Do it.\n");
  }
}
