package io.chorus.cli;

import io.chorus.config.ConfigView;
import io.chorus.config.LoadedConfig;
import picocli.CommandLine.Command;

/** {@code chorus config show}: the effective configuration, keys redacted. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Print the effective configuration (files, environment overrides, providers, models, defaults) with API keys redacted.",
    footer = {
      "",
      "Example chorus.yaml:",
      "  providers:",
      "    anthropic: {api_key_env: ANTHROPIC_API_KEY, limits: {concurrency: 16, rpm: 50}}",
      "    openai: {base_url: http://127.0.0.1:8080/v1}",
      "  models:",
      "    \"anthropic:claude-sonnet-4-5\": {limits: {tpm: 40000}, price: {input: 3, output: 15}}",
      "  defaults: {model: sim:fast, failure_policy: ignore, retries: 2, timeouts: {attempt: 2m, idle: 60s}}",
      "",
      "Examples:",
      "  chorus config show",
      "  chorus config show --json"
    })
public final class ConfigShowCommand extends ChorusSubcommand {

  @Override
  protected int execute() {
    LoadedConfig loaded = config();
    out()
        .print(
            global.json
                ? ConfigView.toJson(loaded) + System.lineSeparator()
                : ConfigView.toYaml(loaded));
    return ExitCodes.OK;
  }
}
