package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimMainTest {
  @Test
  void printsOneListeningLineServesAndStopsWhenInterrupted(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("sim.yaml");
    Files.writeString(
        config, "rules:\n  - match: {userContains: hi}\n    text: hello from config\n");
    PipedInputStream pipe = new PipedInputStream();
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    AtomicInteger code = new AtomicInteger(-1);
    Thread t =
        Thread.ofPlatform()
            .start(
                () ->
                    code.set(
                        SimMain.run(
                            new String[] {
                              "--port", "0", "--config", config.toString(), "--seed", "9"
                            },
                            out,
                            System.err)));
    String line =
        new java.io.BufferedReader(new java.io.InputStreamReader(pipe, StandardCharsets.UTF_8))
            .readLine();
    assertThat(line).matches("listening on http://127\\.0\\.0\\.1:\\d+");
    String base = line.substring("listening on ".length());
    var r =
        Wire.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/chat/completions"))
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        Wire.openAiBody("fast", "hi", false).toString()))
                .build());
    assertThat(Wire.json(r).path("choices").path(0).path("message").path("content").asText())
        .isEqualTo("hello from config");
    t.interrupt();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(code.get()).isZero();
  }

  @Test
  void badArgumentsAndConfigsFailWithOneMessage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(SimMain.run(new String[] {"--prot", "0"}, System.out, e)).isEqualTo(2);
    assertThat(SimMain.run(new String[] {"--config", "/nonexistent/sim.yaml"}, System.out, e))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown option '--prot'")
        .contains("sim.yaml: simulator config file not found");
  }
}
