package io.chorus.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A configuration with where it came from.
 *
 * @param config the effective configuration
 * @param files the files read, lowest precedence first
 * @param environmentOverrides the environment variables that overrode a value, by name
 * @param env the environment it was resolved against (keys are looked up here)
 */
public record LoadedConfig(
    ChorusConfig config,
    List<Path> files,
    List<String> environmentOverrides,
    Map<String, String> env) {

  public LoadedConfig {
    files = List.copyOf(files);
    environmentOverrides = List.copyOf(environmentOverrides);
    env = Map.copyOf(env);
  }

  @Override
  public String toString() {
    // env holds API keys: never print it
    return "LoadedConfig[files=" + files + ", environmentOverrides=" + environmentOverrides + "]";
  }
}
