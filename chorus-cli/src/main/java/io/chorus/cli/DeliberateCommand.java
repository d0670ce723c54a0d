package io.chorus.cli;

import io.chorus.config.ConfiguredEngine;
import io.chorus.core.ModelId;
import io.chorus.deliberation.CollaborationReport;
import io.chorus.deliberation.ConsensusLevel;
import io.chorus.deliberation.Deliberation;
import io.chorus.deliberation.DeliberationResult;
import io.chorus.deliberation.Participant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chorus deliberate}: models propose, see each other's answers and revise until they
 * converge.
 */
@Command(
    name = "deliberate",
    mixinStandardHelpOptions = true,
    description = {
      "Multi-model deliberation: participants answer in parallel, then over rounds see each other's latest answers",
      "and revise, until their answers converge (semantic convergence of their claims) or the round limit. Writes the",
      "Collaboration Plan: consensus, convergence, confidence (with its formula), attributed agreements and",
      "disagreements, each perspective, next steps and the full conversation. A participant that fails is named with",
      "its error class and attempts; consensus is then over those who answered and marked degraded.",
      "Exit codes: 0 consensus Full or Partial with every participant answering; 1 consensus None (the answers did",
      "not converge); 5 degraded (a participant failed, so consensus is over those who answered, or none was",
      "possible); 4 every participant failed because its provider was unavailable (bad key, quota, unreachable)."
    },
    footer = {
      "",
      "Examples:",
      "  chorus deliberate \"List 3 benefits of async programming in Python\" --model anthropic:claude-sonnet-4-5 \\",
      "      --model xai:grok-4 --rounds 3 --converge 0.85 --out plan.md --json plan.json",
      "  chorus deliberate \"Should we adopt virtual threads?\" --model sim:fast --model sim:slow --model Critic=sim:careful",
      "  chorus deliberate \"List 3 benefits of async programming in Python\" --model anthropic:claude-sonnet-4-5 \\",
      "      --model xai:grok-4 --converge 0.95 --sim-config examples/deliberation/async-benefits.sim.yaml   # offline",
      "  chorus deliberate \"Should we adopt virtual threads?\"   # default participants: see --model",
      "",
      "A participant is PROVIDER:MODEL, or NAME=PROVIDER:MODEL to name it; --persona NAME=TEXT gives it a perspective."
    })
public final class DeliberateCommand extends ChorusSubcommand {

  @Parameters(
      arity = "1..*",
      paramLabel = "TASK",
      description = "The task to deliberate (words joined with spaces).")
  List<String> task;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "[NAME=]PROVIDER:MODEL",
      description =
          "A participant; give at least two. Without --model: the model of each provider with a key (two models"
              + " when only one provider has a key), else two simulated participants (sim:fast, sim:instant); the terminal and"
              + " the report say which.")
  List<String> models;

  @Option(
      names = "--persona",
      paramLabel = "NAME=TEXT",
      description = "A system prompt giving participant NAME a perspective.")
  List<String> personas;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "The most rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--converge",
      paramLabel = "C",
      defaultValue = "0.85",
      description = "Stop early once convergence reaches C in (0, 1] (default ${DEFAULT-VALUE}).")
  double converge;

  @Option(
      names = "--anonymize",
      description = "Show others' answers as 'Participant A/B/...' instead of by name.")
  boolean anonymize;

  @Option(
      names = "--synthesizer",
      paramLabel = "PROVIDER:MODEL",
      description =
          "A model that writes the unified plan from the final answers (default: assembled from agreements).")
  String synthesizer;

  @Option(
      names = "--claims",
      paramLabel = "MODE",
      defaultValue = "model",
      description =
          "How claims are found: model (each model lists its answer's claims as JSON; one extra call per answer;"
              + " the heuristic stands in where a list is unusable) or heuristic (no extra calls). Default ${DEFAULT-VALUE}.")
  String claims;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      defaultValue = "1024",
      description = "Max tokens per answer (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Write the report to FILE: Markdown, or a self-contained HTML page when FILE ends in .html (default: stdout).")
  Path out;

  @Mixin RunMixin run;

  @Override
  protected boolean writesJsonFile() {
    return true;
  }

  @Override
  protected int execute() throws Exception {
    if (String.join(" ", task).isBlank()) {
      throw new CliException(ExitCodes.USAGE, "the task is empty");
    }
    String chosen = null;
    if (models == null || models.isEmpty()) {
      List<ModelId> defaults = ConfiguredEngine.defaultParticipants(config());
      models = defaults.stream().map(ModelId::toString).toList();
      boolean simulated = defaults.stream().allMatch(m -> m.provider().equals("sim"));
      chosen =
          "No --model given: the participants are "
              + String.join(" and ", models)
              + (simulated
                  ? " (simulated: no provider key is set; answers are synthetic)"
                  : " (the providers with keys)")
              + ".";
      notice(chosen);
    }
    if (models.size() < 2) {
      throw new CliException(
          ExitCodes.USAGE,
          "deliberate needs at least two participants: give --model twice or more");
    }
    List<Participant> participants = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String spec : models) {
      String name = null;
      String model = spec;
      int eq = spec.indexOf('=');
      if (eq > 0) {
        name = spec.substring(0, eq).strip();
        model = spec.substring(eq + 1).strip();
      }
      ModelId id = AskCommand.parseModel(model);
      if (name == null) {
        name = shortName(id);
      }
      int n = seen.merge(name, 1, Integer::sum);
      participants.add(Participant.of(id).withName(n == 1 ? name : name + " " + n));
    }
    if (personas != null) {
      for (String p : personas) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new CliException(
              ExitCodes.USAGE,
              "--persona '" + p + "': write NAME=TEXT, e.g. Grok=You are a skeptic");
        }
        String who = p.substring(0, eq).strip();
        int i = indexOf(participants, who);
        if (i < 0) {
          throw new CliException(
              ExitCodes.USAGE,
              "--persona names '"
                  + who
                  + "', but the participants are "
                  + String.join(", ", participants.stream().map(Participant::name).toList()));
        }
        participants.set(i, participants.get(i).withPersona(p.substring(eq + 1).strip()));
      }
    }
    List<ModelId> all = new ArrayList<>(participants.stream().map(Participant::model).toList());
    ModelId synth = synthesizer == null ? null : AskCommand.parseModel(synthesizer);
    if (synth != null) {
      all.add(synth);
    }
    Observation obs = new Observation(this, run, "deliberate", false);
    DeliberationResult result;
    try (ConfiguredEngine session =
        ConfiguredEngine.open(
            config(),
            all,
            obs.listeners(),
            run.route(this, engineTime(), io.chorus.providers.BatchLedger.inMemory(), 10_000),
            run.simConfig(this))) {
      if (session.notice() != null) {
        notice(session.notice());
      }
      Deliberation d;
      try {
        Deliberation.Builder b = Deliberation.builder();
        if (synth != null) {
          b.synthesizer(synth);
        }
        d =
            b.task(String.join(" ", task))
                .participants(participants)
                .rounds(rounds)
                .converge(converge)
                .anonymize(anonymize)
                .maxTokens(maxTokens)
                .claims(
                    switch (claims.strip().toLowerCase(java.util.Locale.ROOT)) {
                      case "model" -> Deliberation.ClaimExtraction.MODEL;
                      case "heuristic" -> Deliberation.ClaimExtraction.HEURISTIC;
                      default ->
                          throw new IllegalArgumentException(
                              "--claims must be model or heuristic, was '" + claims + "'");
                    })
                .build();
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
      }
      obs.start();
      result = d.run(interruptible(session.engine()));
      obs.finish(result);
    }
    String md = markInterrupted(CollaborationReport.toMarkdown(result));
    String json = markInterrupted(CollaborationReport.toJson(result));
    if (out != null) {
      writeOutput(
          out,
          out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".html")
              ? CollaborationReport.toHtml(result)
              : md);
    }
    if (global.jsonFile != null) {
      writeOutput(global.jsonFile, json);
    }
    if (global.json && global.jsonFile == null) {
      out().println(json);
    } else if (out == null) {
      out().println(md.stripTrailing());
    } else if (!global.quiet) {
      out().println(CollaborationReport.summary(result));
    }
    out().flush();
    int code = exitCode(result);
    String failures =
        String.join(
            "; ",
            result.lastRound().contributions().stream()
                .filter(c -> !c.answered() && c.failure() != null)
                .map(c -> c.failure().describe())
                .toList());
    if (code == ExitCodes.PROVIDER_UNAVAILABLE) {
      // one table for every command: exit 4 names the cause on the terminal, whatever was written
      err().println("chorus: provider unavailable: no participant answered; " + failures);
      err().flush();
    } else if (result.degraded()
        && !global.quiet
        && (out != null || global.json || global.jsonFile != null)) {
      err().println("chorus: DEGRADED: " + failures);
      err().flush();
    }
    return code;
  }

  /**
   * 4 when no participant answered in the final round and every one failed because its provider was
   * unavailable; 5 when any participant's final answer is missing (degraded); 1 when consensus is
   * None; 0 for Full or Partial consensus with everyone answering.
   */
  static int exitCode(DeliberationResult result) {
    var last = result.lastRound();
    if (last.answered() == 0
        && last.contributions().stream()
            .allMatch(c -> c.failure() != null && Main.unavailableKind(c.failure().errorKind()))) {
      return ExitCodes.PROVIDER_UNAVAILABLE;
    }
    if (result.degraded() || result.consensus() == ConsensusLevel.NOT_REACHED) {
      return ExitCodes.DEGRADED;
    }
    return result.consensus() == ConsensusLevel.NONE ? ExitCodes.RUN_FAILED : ExitCodes.OK;
  }

  private static int indexOf(List<Participant> ps, String name) {
    for (int i = 0; i < ps.size(); i++) {
      if (ps.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  static String shortName(ModelId id) {
    String m = id.model().toLowerCase(java.util.Locale.ROOT);
    if (m.startsWith("claude")) {
      return "Claude";
    }
    if (m.startsWith("grok")) {
      return "Grok";
    }
    if (m.startsWith("gpt") || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4")) {
      return "GPT";
    }
    if (m.startsWith("llama")) {
      return "Llama";
    }
    return id.toString();
  }
}
