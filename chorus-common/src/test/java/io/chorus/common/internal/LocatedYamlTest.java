package io.chorus.common.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.internal.LocatedYaml.Duplicate;
import io.chorus.common.internal.LocatedYaml.Position;
import org.junit.jupiter.api.Test;

class LocatedYamlTest {

  @Test
  void everyKeyItemAndValueHasItsLineAndColumn() throws Exception {
    LocatedYaml y =
        LocatedYaml.read(
            """
            name: review
            steps:
              - model: sim:a
                prompt: "x"
              - model: sim:b
            a/b: 1
            """);
    assertThat(y.keys())
        .containsEntry("/name", new Position(1, 1))
        .containsEntry("/steps", new Position(2, 1))
        .containsEntry("/steps/0", new Position(3, 5))
        .containsEntry("/steps/0/prompt", new Position(4, 5))
        .containsEntry("/steps/1/model", new Position(5, 5))
        .containsEntry("/a~1b", new Position(6, 1));
    assertThat(y.valueAt("/name")).isEqualTo(new Position(1, 7));
    assertThat(y.lineOf("/steps/1/model/nothing/below")).isEqualTo(5);
    assertThat(y.dottedLines()).containsEntry("steps[0].prompt", 4).containsEntry("a/b", 6);
  }

  @Test
  void scalarsFollowYaml12sCoreSchema() throws Exception {
    LocatedYaml y =
        LocatedYaml.read(
            """
            options: [yes, no, on, off, Yes]
            t: true
            f: FALSE
            n: ~
            e:
            i: 12
            big: 12345678901
            hex: 0x1F
            under: 1_000
            octal11: 012
            x: 1.5
            exp: 1e3
            sexagesimal: 1:30
            quoted: "12"
            date: 2026-12-07
            """);
    var r = y.root();
    assertThat(r.get("options").toString()).isEqualTo("[\"yes\",\"no\",\"on\",\"off\",\"Yes\"]");
    assertThat(r.get("t").booleanValue()).isTrue();
    assertThat(r.get("f").isBoolean()).isTrue();
    assertThat(r.get("n").isNull()).isTrue();
    assertThat(r.get("e").isNull()).isTrue();
    assertThat(r.get("i").intValue()).isEqualTo(12);
    assertThat(r.get("big").longValue()).isEqualTo(12345678901L);
    assertThat(r.get("hex").intValue()).isEqualTo(31);
    assertThat(r.get("under").intValue()).isEqualTo(1000);
    assertThat(r.get("octal11").intValue()).isEqualTo(12);
    assertThat(r.get("x").doubleValue()).isEqualTo(1.5);
    assertThat(r.get("exp").doubleValue()).isEqualTo(1000.0);
    assertThat(r.get("sexagesimal").textValue()).isEqualTo("1:30");
    assertThat(r.get("quoted").textValue()).isEqualTo("12");
    assertThat(r.get("date").textValue()).isEqualTo("2026-12-07");
  }

  @Test
  void duplicateKeysAreReportedWithBothLines() throws Exception {
    LocatedYaml y = LocatedYaml.read("a: 1\nb:\n  c: 2\n  c: 3\n");
    assertThat(y.duplicates()).containsExactly(new Duplicate("/b/c", "c", 4, 3));
    assertThat(y.root().at("/b/c").intValue()).isEqualTo(3);
  }

  @Test
  void aSyntaxErrorNamesLineColumnAndProblemInOneLine() {
    assertThatThrownBy(() -> LocatedYaml.read("a: 1\nb: [x, y\nc: 2\n"))
        .isInstanceOfSatisfying(
            LocatedYaml.Invalid.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.problem()).doesNotContain("\n").contains("expected ','");
            });
  }

  @Test
  void anEmptyDocumentIsAnEmptyMapping() throws Exception {
    assertThat(LocatedYaml.read("").root().isObject()).isTrue();
    assertThat(LocatedYaml.read("# only a comment\n").root().size()).isZero();
  }
}
