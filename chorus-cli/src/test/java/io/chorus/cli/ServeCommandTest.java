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
