package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.TimeSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chorus serve}: a real gateway on 127.0.0.1 in front of the built-in simulator. */
class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void servesBothProtocolsAndSaysTheAnswersAreSynthetic() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of(),
            dir,
            dir.resolve("home"),
            TimeSource.system(),
            false);
    AtomicInteger code = new AtomicInteger(-1);
    Thread serve = Thread.ofVirtual().start(() -> code.set(Main.run(ctx, "serve", "--port", "0")));
    String url = null;
    for (int i = 0; i < 600 && url == null; i++) {
      Matcher m =
          Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
      if (m.find()) {
        url = m.group(1);
      } else {
        assertThat(serve.isAlive()).as(err.toString()).isTrue();
        Thread.sleep(50);
      }
    }
    assertThat(url).as(err.toString()).isNotNull();
    assertThat(err.toString()).contains("synthetic");
    HttpClient http = HttpClient.newHttpClient();
    var r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
        {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}"""))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-chorus-synthetic")).contains("true");
    var a =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
        {"model": "claude-haiku-4-5", "max_tokens": 50, "messages": [{"role": "user", "content": "hi"}]}"""))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(a.body()).contains("\"type\":\"message\"");
    serve.interrupt();
    serve.join(30_000);
    assertThat(serve.isAlive()).isFalse();
  }

  /**
   * The gateway opens the control endpoint too: {@code chorus ps} lists it as {@code chorus serve}
   * and {@code chorus tree PID} shows the call it is serving, until it stops and the socket goes.
   */
  @Test
  void psListsTheGatewayAndTreeShowsTheCallItIsServing() throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("slow.sim.yaml"), "models:\n  slowpoke: {ttft: 4s}\n");
    java.nio.file.Files.writeString(
        dir.resolve("chorus.yaml"), "defaults:\n  model: sim:slowpoke\n");
    Path control = dir.resolve("control");
    Map<String, String> env = Map.of("CHORUS_CONTROL_DIR", control.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            dir,
            dir.resolve("home"),
            TimeSource.system(),
            false);
    AtomicInteger code = new AtomicInteger(-1);
    Thread serve =
        Thread.ofVirtual()
            .start(
                () ->
                    code.set(
                        Main.run(ctx, "serve", "--port", "0", "--sim-config", "slow.sim.yaml")));
    String url = awaitUrl(out, err, serve);
    String pid = String.valueOf(ProcessHandle.current().pid());
    CliRun ps = CliRun.run(dir, env, "ps");
    assertThat(ps.out).as(ps.toString()).containsPattern("(?m)^" + pid + "\\s+chorus serve\\s");
    HttpClient http = HttpClient.newHttpClient();
    var answer =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
        {"model": "sim:slowpoke", "messages": [{"role": "user", "content": "hi"}]}"""))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    CliRun tree = null;
    long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end && !answer.isDone()) {
      tree = CliRun.run(dir, env, "tree", pid);
      if (tree.out.contains("in flight: attempt 1 (first) to sim:slowpoke")) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(tree).isNotNull();
    assertThat(tree.exitCode).as(tree.toString()).isZero();
    assertThat(tree.out)
        .as(tree.out)
        .containsPattern("(?m)^run run_\\S+ \\(1 tasks, running \\d+")
        .containsPattern("(?m)^  call run_\\S+/0 sim:slowpoke: in flight: attempt 1 \\(first\\)")
        .containsPattern("(?m)^    attempt 1 \\(first\\) to sim:slowpoke: in flight for \\d+");
    assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
    serve.interrupt();
    serve.join(30_000);
    assertThat(serve.isAlive()).isFalse();
    assertThat(CliRun.run(dir, env, "ps").out).contains("no Chorus process running as this user");
    assertThat(control.resolve(pid + ".sock")).doesNotExist();
  }

  private static String awaitUrl(StringWriter out, StringWriter err, Thread serve)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Matcher m =
          Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
      if (m.find()) {
        return m.group(1);
      }
      assertThat(serve.isAlive()).as(err.toString()).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("chorus serve never said where it listens: " + err);
  }

  @Test
  void exposingTheGatewayWithoutVirtualKeysIsRefused() {
    CliRun r = CliRun.run(dir, Map.of(), "serve", "--host", "0.0.0.0", "--port", "0");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("gateway.keys");
  }

  @Test
  void aBadPortIsAUsageError() {
    CliRun r = CliRun.run(dir, Map.of(), "serve", "--port", "70000");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("--port");
  }
}
