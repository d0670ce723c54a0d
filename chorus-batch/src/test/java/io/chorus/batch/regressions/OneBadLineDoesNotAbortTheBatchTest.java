package io.chorus.batch.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.batch.BatchInput;
import io.chorus.batch.BatchItem;
import io.chorus.batch.InputLine;
import io.chorus.batch.Reject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "One line of invalid UTF-8, a BOM (…) aborts the whole batch without naming the line; a line
 * without custom_id (…) null." Now the bad line is rejected with its number and the rest run, a
 * UTF-8 BOM is accepted, and a line without {@code custom_id} gets {@code line-<n>}.
 */
class OneBadLineDoesNotAbortTheBatchTest {

  @TempDir Path dir;

  @Test
  void invalidUtf8IsRejectedAloneBomAcceptedIdsDerived() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    b.write("{\"custom_id\": \"a\", \"prompt\": \"one\"}\r\n".getBytes(StandardCharsets.UTF_8));
    b.write("{\"custom_id\": \"b\", \"prompt\": \"".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xC3, (byte) 0x28});
    b.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    b.write("{\"prompt\": \"no id\"}\n".getBytes(StandardCharsets.UTF_8));
    b.write("{\"custom_id\": \"d\", \"prompt\": \"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8));
    Path in = dir.resolve("in.jsonl");
    Files.write(in, b.toByteArray());

    List<BatchItem> items = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    int derived;
    try (BatchInput input = BatchInput.open(in)) {
      for (InputLine l = input.next(); l != null; l = input.next()) {
        switch (l) {
          case BatchItem i -> items.add(i);
          case Reject r -> rejects.add(r);
        }
      }
      derived = input.derivedIds();
    }

    assertThat(items).extracting(BatchItem::customId).containsExactly("a", "line-3", "d");
    assertThat(items.get(2).json().get("prompt").asText()).isEqualTo("caf\u00e9");
    assertThat(rejects)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.line()).isEqualTo(2);
              assertThat(r.error()).startsWith("not valid UTF-8");
            });
    assertThat(derived).isEqualTo(1);
  }
}
