package io.chorus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.internal.ApiText;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The engine's public API, dumped and compared with the committed {@code api/chorus-core.api}, so
 * that the build fails when the API drifts by accident (OkHttp does the same). After a deliberate
 * change, regenerate the dump with {@code ./mvnw -pl chorus-core test -Dtest=PublicApiTest
 * -Dchorus.api.update=true} and commit it with the change. The dump is chorus-common's {@code
 * ApiText}, the one every module's API test uses (chorus-testing's {@code ApiDump} cannot serve
 * here: it depends on chorus-core).
 */
class PublicApiTest {
  static final Path DUMP = Path.of("src", "test", "resources", "api", "chorus-core.api");

  @Test
  void publicApiMatchesTheCommittedDump() throws Exception {
    String actual =
        String.join("\n", ApiText.dump(Path.of("target", "classes"), "io.chorus.core")) + "\n";
    if (Boolean.getBoolean("chorus.api.update")) {
      Files.writeString(DUMP, actual);
    }
    assertThat(actual)
        .as(
            "the public API of io.chorus.core changed; if that is deliberate, regenerate %s (see this test's Javadoc)",
            DUMP)
        .isEqualTo(Files.readString(DUMP));
  }
}
