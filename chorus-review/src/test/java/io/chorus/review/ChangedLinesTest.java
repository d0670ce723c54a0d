package io.chorus.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedLinesTest {

  static final String DIFF =
      """
      diff --git a/src/a.py b/src/a.py
      index 1..2 100644
      --- a/src/a.py
      +++ b/src/a.py
      @@ -3 +3 @@ def f():
      -old
      +new
      @@ -40,0 +41,3 @@
      +a
      +b
      +c
      @@ -50,2 +52,0 @@
      -gone
      -gone
      diff --git a/old.py b/old.py
      deleted file mode 100644
      --- a/old.py
      +++ /dev/null
      @@ -1,2 +0,0 @@
      -x
      -y
      """;

  @Test
  void addedAndModifiedLinesOfTheNewFileCountDeletionsDoNot() {
    ChangedLines c = ChangedLines.parse("main..HEAD", DIFF);
    assertThat(c.files()).containsExactly("src/a.py");
    assertThat(c.lines().get("src/a.py"))
        .extracting(r -> List.of(r[0], r[1]))
        .containsExactly(List.of(3, 3), List.of(41, 43));
    assertThat(c.touches(new CodeChunk("src/a.py", "python", 1, List.of("1", "2", "3")))).isTrue();
    assertThat(c.touches(new CodeChunk("src/a.py", "python", 4, List.of("4", "5")))).isFalse();
    assertThat(c.touches(new CodeChunk("src/a.py", "python", 43, List.of("43")))).isTrue();
    assertThat(c.touches(new CodeChunk("other.py", "python", 1, List.of("1")))).isFalse();
  }

  @Test
  void aSourceSetRestrictedToTheChangeKeepsOnlyTouchedChunksOfTouchedFiles() {
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add("line " + i);
    }
    SourceSet all =
        SourceSet.of(
            List.of(
                new SourceFile("src/a.py", "python", lines),
                new SourceFile("src/b.py", "python", lines)));
    SourceSet changed = all.onlyChanged(ChangedLines.parse("main..HEAD", DIFF));
    assertThat(changed.files()).extracting(SourceFile::path).containsExactly("src/a.py");
    assertThat(changed.chunks(10)).extracting(CodeChunk::firstLine).containsExactly(1, 41);
    assertThat(changed.changes().range()).isEqualTo("main..HEAD");
  }
}
