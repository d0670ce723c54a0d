package io.chorus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.agents.AgentDefinition;
import io.chorus.agents.AgentResult;
import io.chorus.agents.AgentRunner;
import io.chorus.common.internal.Json;
import io.chorus.config.ConfiguredEngine;
import io.chorus.core.ModelId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chorus agents run NAME}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run an agent on a JSON input: schema-checked input and output, repair rounds, handovers and its fallback agent.",
      "Exit code 1 when the agent failed."
    },
    footer = {
      "",
      "Examples:",
      "  chorus agents run code-reviewer --input '{\"code\": \"int x = 1;\"}' --model sim:fast",
      "  chorus agents run summarizer --input-file request.json --json"
    })
public final class AgentsRunCommand extends ChorusSubcommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
  String name;

  @Option(names = "--input", paramLabel = "JSON", description = "The input as a JSON object.")
  String input;

  @Option(names = "--input-file", paramLabel = "FILE", description = "The input from a JSON file.")
  Path inputFile;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "PROVIDER:MODEL",
      description = "Use this model for every agent of the run.")
  String model;

  @Mixin RunMixin run;

  @Override
  protected int execute() throws Exception {
    if ((input == null) == (inputFile == null)) {
      throw new CliException(
          ExitCodes.USAGE, "give the input with --input JSON or --input-file FILE");
    }
    return runAgent(
        this,
        name,
        input != null ? input : Files.readString(inputFile(inputFile, "input file")),
        model,
        run);
  }

  /**
   * Runs agent {@code name} on {@code inputJson} and prints its output; shared by {@code chorus
   * agents run} and {@code chorus run AGENT}.
   */
  static int runAgent(
      ChorusSubcommand cmd, String name, String inputJson, String model, RunMixin run)
      throws Exception {
    ObjectMapper m = Json.MAPPER;
    JsonNode in;
    try {
      in = m.readTree(inputJson);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CliException(
          ExitCodes.USAGE, "the input is not valid JSON: " + e.getOriginalMessage());
    }
    var registry = AgentsCommand.registry(cmd.ctx());
    if (registry.find(name).isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE, "no agent named '" + name + "'; see 'chorus agents list'");
    }
    ModelId override = model == null ? null : AskCommand.parseModel(model);
    ModelId fallback = ConfiguredEngine.defaultModel(cmd.config());
    Set<ModelId> models = new LinkedHashSet<>();
    if (override != null) {
      models.add(override);
    } else {
      models.add(fallback);
      for (AgentDefinition d : registry.list()) {
        if (d.model() != null) {
          models.add(d.model());
        }
      }
    }
    Observation obs = new Observation(cmd, run, "agent " + name, false);
    AgentResult result;
    try (ConfiguredEngine session =
        ConfiguredEngine.open(
            cmd.config(),
            new ArrayList<>(models),
            obs.listeners(),
            cmd.engineTime(),
            run.simConfig(cmd))) {
      if (session.notice() != null) {
        cmd.notice(session.notice());
      }
      AgentRunner.Builder rb = AgentRunner.builder(registry).defaultModel(fallback);
      if (override != null) {
        rb.modelOverride(override);
      }
      obs.start();
      result = rb.build().run(cmd.interruptible(session.engine()), name, in);
      obs.finish(result);
    }
    switch (result) {
      case AgentResult.Success s -> {
        if (cmd.global.json) {
          cmd.out().println(s.toJson());
        } else {
          cmd.out()
              .println(s.output().isTextual() ? s.output().asText() : s.output().toPrettyString());
        }
        return ExitCodes.OK;
      }
      case AgentResult.Failure f -> {
        if (cmd.global.json) {
          cmd.out().println(f.toJson());
        }
        cmd.err()
            .println("chorus: agent " + f.agent() + " failed (" + f.reason() + "): " + f.message());
        f.validationErrors().stream().limit(10).forEach(e -> cmd.err().println("  " + e));
        return ExitCodes.RUN_FAILED;
      }
    }
  }
}
