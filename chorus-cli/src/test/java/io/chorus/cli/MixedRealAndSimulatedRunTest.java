package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One participant on a loopback OpenAI-compatible server that is not the simulator (a JDK
 * HttpServer this test starts, standing for a local model server), one on the simulator: every
 * report says which participants were simulated, participant by participant.
 */
class MixedRealAndSimulatedRunTest {

  @TempDir Path dir;
  HttpServer server;
  final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    served.incrementAndGet();
    String text =
        "Adopt virtual threads for blocking I/O services. Measure pinning before the switch.";
    boolean stream = body.replace(" ", "").contains("\"stream\":true");
    byte[] out;
    if (stream) {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      String chunk =
          new ObjectMapper()
              .createObjectNode()
              .put("id", "local-1")
              .put("object", "chat.completion.chunk")
              .put("model", "gpt-4o-mini")
              .set(
                  "choices",
                  new ObjectMapper()
                      .readTree(
                          "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":"
                              + new ObjectMapper().writeValueAsString(text)
                              + "},\"finish_reason\":null}]"))
              .toString();
      String done =
          "{\"id\":\"local-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
              + "\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":15,\"total_tokens\":35}}";
      out =
          ("data: " + chunk + "\n\ndata: " + done + "\n\ndata: [DONE]\n\n")
              .getBytes(StandardCharsets.UTF_8);
    } else {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      out =
          ("{\"id\":\"local-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                  + "\"message\":{\"role\":\"assistant\",\"content\":"
                  + new ObjectMapper().writeValueAsString(text)
                  + "},"
                  + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":15,\"total_tokens\":35}}")
              .getBytes(StandardCharsets.UTF_8);
    }
    ex.sendResponseHeaders(200, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  @Test
  void everyReportNamesTheSimulatedParticipantOnly() throws Exception {
    Map<String, String> env =
        Map.of(
            "OPENAI_API_KEY",
            "sk-local-not-real",
            "OPENAI_BASE_URL",
            "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    CliRun r =
        CliRun.run(
            dir,
            env,
            "deliberate",
            "Should we adopt virtual threads?",
            "--model",
            "Local=openai:gpt-4o-mini",
            "--model",
            "Sim=sim:fast",
            "--rounds",
            "1",
            "--claims",
            "heuristic",
            "--out",
            "plan.md",
            "--json",
            "plan.json",
            "--report",
            "run.json",
            "--no-progress");
    assertThat(r.exitCode).as(r.toString()).isIn(ExitCodes.OK, ExitCodes.RUN_FAILED);
    assertThat(served.get()).isPositive(); // the real participant really called the local server

    String md = Files.readString(dir.resolve("plan.md"));
    assertThat(md)
        .contains("**Partly synthetic run.**")
        .contains("Simulated (answers from the built-in simulator, not a real model): Sim;")
        .contains("Sim — `sim:fast` (simulated)")
        .contains("Local — `openai:gpt-4o-mini`,")
        .doesNotContain("`openai:gpt-4o-mini` (simulated)")
        .doesNotContain("**Synthetic run.**");

    JsonNode plan = new ObjectMapper().readTree(dir.resolve("plan.json").toFile());
    assertThat(plan.get("synthetic").asBoolean()).isTrue(); // some answers were synthetic
    for (JsonNode p : plan.get("participants")) {
      assertThat(p.get("synthetic").asBoolean())
          .as(p.toString())
          .isEqualTo(p.get("name").asText().equals("Sim"));
    }

    // the run report (call timeline) names the simulated models, and only those
    JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    assertThat(run.get("synthetic").asBoolean()).isTrue();
    assertThat(run.get("synthetic_models").toString())
        .contains("sim:fast")
        .doesNotContain("openai");
  }
}
