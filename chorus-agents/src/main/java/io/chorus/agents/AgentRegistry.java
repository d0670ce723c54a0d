package io.chorus.agents;

import io.chorus.agents.internal.AgentFileParser;
import io.chorus.agents.internal.LibrarySource;
import io.chorus.agents.internal.LibrarySource.FileText;
import io.chorus.agents.internal.RegistryChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agents and prompt templates a run can use, from layers read in order, a later layer
 * overriding an earlier one by name:
 *
 * <ol>
 *   <li>the built-in library (classpath {@code /agents} and {@code /templates});
 *   <li>the project folder ({@code ./agents});
 *   <li>the user folder ({@code ~/.chorus/agents}).
 * </ol>
 *
 * <p>In a folder every {@code *.md} file (recursively, README.md excepted) is an agent file, except
 * files under a {@code templates} subfolder, which are prompt templates. A file with errors is left
 * out and its problems are kept in {@link #problems()}, so one broken file does not hide the rest;
 * cross-agent checks (unknown or cyclic fallback agents) run on the final set.
 *
 * <p>Immutable and thread-safe once built.
 *
 * {@snippet :
 * AgentRegistry registry = AgentRegistry.standard(Path.of("agents"), Path.of(home, ".chorus", "agents"));
 * registry.problems().forEach(System.err::println);
 * AgentDefinition expert = registry.agent("jvm-concurrency-expert");
 * }
 */
public final class AgentRegistry {
  private final Map<String, AgentDefinition> agents;
  private final Map<String, PromptTemplate> templates;
  private final List<Problem> problems;
  private final ModelAliases aliases;

  private AgentRegistry(
      Map<String, AgentDefinition> agents,
      Map<String, PromptTemplate> templates,
      List<Problem> problems,
      ModelAliases aliases) {
    this.agents = Collections.unmodifiableMap(new TreeMap<>(agents));
    this.templates = Collections.unmodifiableMap(new TreeMap<>(templates));
    this.problems = List.copyOf(problems);
    this.aliases = aliases;
  }

  /**
   * Built-ins, then {@code projectDir}, then {@code userDir}; null or missing folders are skipped.
   */
  public static AgentRegistry standard(Path projectDir, Path userDir) {
    return standard(projectDir, userDir, ModelAliases.defaults());
  }

  /** Like {@link #standard(Path, Path)} with another alias table. */
  public static AgentRegistry standard(Path projectDir, Path userDir, ModelAliases aliases) {
    return builder().aliases(aliases).builtIns().folder(projectDir).folder(userDir).build();
  }

  /** {@code ./agents} and {@code ~/.chorus/agents}. */
  public static AgentRegistry standard() {
    return standard(
        Path.of("agents"), Path.of(System.getProperty("user.home"), ".chorus", "agents"));
  }

  /** Only the built-in library. */
  public static AgentRegistry builtIn() {
    return builder().builtIns().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every agent, sorted by name. */
  public List<AgentDefinition> list() {
    return List.copyOf(agents.values());
  }

  /** The agent named {@code name}. */
  public Optional<AgentDefinition> find(String name) {
    return Optional.ofNullable(agents.get(name));
  }

  /**
   * The agent named {@code name}.
   *
   * @throws NoSuchElementException naming the agent and the known agents
   */
  public AgentDefinition agent(String name) {
    AgentDefinition a = agents.get(name);
    if (a == null) {
      throw new NoSuchElementException(
          "no agent named '" + name + "' (known: " + String.join(", ", agents.keySet()) + ")");
    }
    return a;
  }

  /** Every prompt template, sorted by name. */
  public List<PromptTemplate> templates() {
    return List.copyOf(templates.values());
  }

  /** The template named {@code name}. */
  public Optional<PromptTemplate> findTemplate(String name) {
    return Optional.ofNullable(templates.get(name));
  }

  /**
   * Problems found while loading (files left out, unknown fallbacks, warnings), by file and line.
   */
  public List<Problem> problems() {
    return problems;
  }

  /** The alias table the agents' models were resolved with. */
  public ModelAliases aliases() {
    return aliases;
  }

  /** Collects layers; not thread-safe. */
  public static final class Builder {
    /** One layer: a folder, or the built-in library when {@code folder} is null. */
    private record Layer(Path folder) {}

    private final List<Layer> layers = new ArrayList<>();
    private ModelAliases aliases = ModelAliases.defaults();

    private Builder() {}

    public Builder aliases(ModelAliases aliases) {
      this.aliases = aliases;
      return this;
    }

    /** Adds the built-in library as the next layer. */
    public Builder builtIns() {
      layers.add(new Layer(null));
      return this;
    }

    /** Adds a folder as the next layer; null or missing folders add nothing. */
    public Builder folder(Path folder) {
      if (folder != null) {
        layers.add(new Layer(folder));
      }
      return this;
    }

    public AgentRegistry build() {
      List<Problem> problems = new ArrayList<>();
      Map<String, AgentDefinition> agents = new HashMap<>();
      Map<String, PromptTemplate> templates = new HashMap<>();
      for (Layer layer : layers) {
        List<FileText> agentFiles;
        List<FileText> templateFiles;
        if (layer.folder() != null) {
          agentFiles = LibrarySource.folderFiles(layer.folder(), false, problems);
          templateFiles = LibrarySource.folderFiles(layer.folder(), true, problems);
        } else {
          agentFiles = LibrarySource.classpath("agents", problems);
          templateFiles = LibrarySource.classpath("templates", problems);
        }
        agents.putAll(parseAgents(agentFiles, aliases, problems));
        for (FileText f : templateFiles) {
          PromptTemplate t = PromptTemplate.parseFile(f.source(), f.text(), problems);
          if (t != null) {
            templates.put(t.name(), t);
          }
        }
      }
      problems.addAll(RegistryChecks.check(agents, a -> true));
      return new AgentRegistry(agents, templates, problems, aliases);
    }
  }

  /**
   * Parses one layer's agent files; a name defined twice in one layer is an error on the second.
   */
  static Map<String, AgentDefinition> parseAgents(
      List<FileText> files, ModelAliases aliases, List<Problem> problems) {
    return parseAgents(files, aliases, problems, false);
  }

  /**
   * With {@code lenient}, files with errors are kept as far as they could be read (for validation).
   */
  static Map<String, AgentDefinition> parseAgents(
      List<FileText> files, ModelAliases aliases, List<Problem> problems, boolean lenient) {
    Map<String, AgentDefinition> layer = new HashMap<>();
    for (FileText f : files) {
      AgentDefinition a =
          lenient
              ? AgentFileParser.parseLeniently(f.source(), f.text(), aliases, problems)
              : AgentFileParser.parse(f.source(), f.text(), aliases, problems);
      if (a == null) {
        continue;
      }
      AgentDefinition twin = layer.get(a.name());
      if (twin != null) {
        problems.add(
            Problem.error(
                f.source(),
                a.lineOf("/name"),
                "agent name '" + a.name() + "' is already defined by " + twin.source()));
        continue;
      }
      layer.put(a.name(), a);
    }
    return layer;
  }
}
