package io.chorus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.internal.Json;
import io.chorus.config.ConfiguredEngine;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chorus ask}: one question to one model, streamed. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Ask one model one question and print the answer as it streams (to a terminal; to a file or pipe, once complete).",
      "When a retry or fallback restarts a streamed answer, a notice on stderr says why and the whole new answer follows.",
      "With --json, print one JSON object: text, usage, model, provider request id, latency and time to first token.",
      "With no key for the model's provider, the built-in simulator answers (synthetic; said at the top)."
    },
    footer = {
      "",
      "Examples:",
      "  chorus ask \"Explain backpressure in one paragraph\" --model sim:fast",
      "  chorus ask \"hello\" --model anthropic:claude-sonnet-4-5 --json",
      "  echo \"Summarize: ...\" | chorus ask - --model openai:gpt-4o-mini --max-tokens 200"
    })
public final class AskCommand extends ChorusSubcommand {

  @Parameters(
      arity = "1..*",
      paramLabel = "PROMPT",
      description = "The question (words are joined with spaces); '-' reads it from stdin.")
  List<String> prompt;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "PROVIDER:MODEL",
      description =
          "The model, e.g. sim:fast, anthropic:claude-sonnet-4-5 (default: defaults.model in chorus.yaml).")
  String model;

  @Option(
      names = {"-s", "--system"},
      paramLabel = "TEXT",
      description = "A system prompt.")
  String system;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      defaultValue = "1024",
      description = "Most output tokens (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(
      names = {"-t", "--temperature"},
      paramLabel = "T",
      description = "Sampling temperature in [0, 2].")
  Double temperature;

  @Option(names = "--no-stream", description = "Wait for the whole answer instead of streaming it.")
  boolean noStream;

  @Mixin RunMixin run;

  @Override
  protected int execute() throws IOException {
    String text = String.join(" ", prompt);
    if (text.equals("-")) {
      text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (text.isBlank()) {
      throw new CliException(ExitCodes.USAGE, "the prompt is empty");
    }
    ModelId m = model != null ? parseModel(model) : ConfiguredEngine.defaultModel(config());
    ChatRequest request;
    try {
      request =
          ChatRequest.builder(m)
              .system(system)
              .user(text)
              .maxTokens(maxTokens)
              .temperature(temperature)
              .build();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    Observation obs = new Observation(this, run, "ask " + m, false);
    try (ConfiguredEngine session =
        ConfiguredEngine.open(
            config(),
            List.of(m),
            obs.listeners(),
            run.route(this, engineTime(), io.chorus.providers.BatchLedger.inMemory(), 10_000),
            run.simConfig(this))) {
      if (session.notice() != null) {
        notice(session.notice());
      }
      boolean stream = !noStream;
      // a terminal shows the answer as it streams; a file or pipe gets it once, whole, so that a
      // restarted answer (retry, fallback) never leaves its void partial text there
      boolean printDeltas = stream && !global.json && ctx().errIsTerminal();
      CallOptions options =
          stream ? CallOptions.DEFAULT.streaming(new Printer(printDeltas)) : CallOptions.DEFAULT;
      Outcome<ChatResponse> outcome = interruptible(session.engine()).call(request, options);
      try {
        return report(outcome, printDeltas, session, m);
      } finally {
        obs.finish();
      }
    }
  }

  private int report(
      Outcome<ChatResponse> outcome, boolean printDeltas, ConfiguredEngine session, ModelId m) {
    if (outcome instanceof Outcome.Success<ChatResponse> s) {
      ChatResponse r = s.value();
      if (global.json) {
        out().println(toJson(r, s.synthetic(), session));
      } else {
        if (!printDeltas) {
          out().print(r.text());
        }
        out().println();
      }
      return ExitCodes.OK;
    }
    if (printDeltas) {
      out().println();
    }
    if (global.json) {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("error_kind", outcome.errorKind());
      n.put("error", outcome.errorMessage());
      n.put("attempts", outcome.timeline().attempts().size());
      n.put("synthetic", outcome.synthetic());
      out().println(n.toString());
    }
    ProviderError error =
        outcome instanceof Outcome.Failure<ChatResponse> f
                && f.error() instanceof ProviderException pe
            ? pe.error()
            : null;
    int code;
    if (error instanceof ProviderError.NotFound) {
      code = Main.exitCode(error); // a model the provider does not have is a bad value
    } else if (outcome instanceof Outcome.Failure<ChatResponse> f
        && ProviderHealth.unavailable(f.error())) {
      code = ExitCodes.PROVIDER_UNAVAILABLE; // the one rule every command uses
    } else {
      code = error == null ? ExitCodes.RUN_FAILED : Main.exitCode(error);
    }
    String subject =
        error instanceof ProviderError.NotFound ? "model " + m + " does not exist: " : "";
    err().println("chorus: " + subject + outcome.errorLine());
    return code;
  }

  /**
   * Prints the deltas (when {@code live}) and says when a retry or fallback restarted the answer.
   */
  private final class Printer implements StreamObserver {
    private final boolean live;
    private boolean printed;

    Printer(boolean live) {
      this.live = live;
    }

    @Override
    public void onText(String delta) {
      if (live) {
        out().print(delta);
        out().flush();
        printed |= !delta.isEmpty();
      }
    }

    @Override
    public void onRestart(String reason) {
      if (live && printed) {
        out().println();
        out().flush();
      }
      notice(
          "chorus: the answer restarted ("
              + reason
              + ")"
              + (live && printed ? "; the text above is void, the whole answer follows" : ""));
      printed = false;
    }
  }

  static ModelId parseModel(String text) {
    try {
      return ModelId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
  }

  private static String toJson(ChatResponse r, boolean synthetic, ConfiguredEngine session) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("text", r.text());
    n.put("model", r.model().toString());
    n.put("provider_request_id", r.requestId());
    n.put("stop_reason", r.stopReason().name().toLowerCase(Locale.ROOT));
    ObjectNode u = n.putObject("usage");
    u.put("input_tokens", r.usage().inputTokens());
    u.put("output_tokens", r.usage().outputTokens());
    u.put("cache_write_tokens", r.usage().cacheWriteTokens());
    u.put("cache_read_tokens", r.usage().cacheReadTokens());
    n.put("latency_ms", r.latency().toMillis());
    if (r.timeToFirstToken() == null) {
      n.putNull("time_to_first_token_ms");
    } else {
      n.put("time_to_first_token_ms", r.timeToFirstToken().toMillis());
    }
    n.put("synthetic", synthetic);
    if (session.notice() != null) {
      n.put("notice", session.notice());
    }
    return n.toString();
  }
}
