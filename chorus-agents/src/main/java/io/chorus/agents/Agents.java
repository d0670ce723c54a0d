package io.chorus.agents;

import io.chorus.agents.internal.AgentFileParser;
import io.chorus.agents.internal.LibrarySource;
import io.chorus.agents.internal.LibrarySource.FileText;
import io.chorus.agents.internal.RegistryChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading and checking agent and template files without a registry. Thread-safe (stateless).
 *
 * {@snippet :
 * for (Problem p : Agents.validate(Path.of("agents"))) {
 *   System.out.println(p);   // agents/reviewer.md:14: max_retries must not be negative, found -1
 * }
 * }
 */
public final class Agents {
  private Agents() {}

  /**
   * Parses one agent file with the default aliases.
   *
   * @throws DefinitionException listing every error as {@code file:line: message}
   */
  public static AgentDefinition parse(Path file) throws IOException {
    return parse(
        file.toString(), Files.readString(file, StandardCharsets.UTF_8), ModelAliases.defaults());
  }

  /**
   * Parses agent-file text; {@code source} is the name used in problems.
   *
   * @throws DefinitionException listing every error as {@code file:line: message}
   */
  public static AgentDefinition parse(String source, String text, ModelAliases aliases) {
    List<Problem> problems = new ArrayList<>();
    AgentDefinition a = AgentFileParser.parse(source, text, aliases, problems);
    if (a == null) {
      throw new DefinitionException(problems);
    }
    return a;
  }

  /**
   * Parses a template file.
   *
   * @throws DefinitionException listing every error
   */
  public static PromptTemplate parseTemplate(Path file) throws IOException {
    List<Problem> problems = new ArrayList<>();
    PromptTemplate t =
        PromptTemplate.parseFile(
            file.toString(), Files.readString(file, StandardCharsets.UTF_8), problems);
    if (t == null) {
      throw new DefinitionException(problems);
    }
    return t;
  }

  /** {@link #validate(Path, ModelAliases)} with the default aliases. */
  public static List<Problem> validate(Path path) {
    return validate(path, ModelAliases.defaults());
  }

  /**
   * Every problem (errors and warnings) of the agent and template files at {@code path}: a file, or
   * a folder laid out like a registry folder. Fallback and related agents are resolved against the
   * built-in library plus the agent files of the folder (for a file: its own folder), but only
   * problems of the files at {@code path} are returned, sorted by file and line. An empty list
   * means the files are fine.
   */
  public static List<Problem> validate(Path path, ModelAliases aliases) {
    List<Problem> problems = new ArrayList<>();
    if (!Files.exists(path)) {
      problems.add(Problem.error(path.toString(), 0, "no such file or folder"));
      return problems;
    }
    Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    boolean single = !Files.isDirectory(path);
    // a single file is a template when it sits in a folder named "templates"
    boolean singleTemplate =
        single
            && folder.getFileName() != null
            && folder.getFileName().toString().equals("templates");
    List<FileText> agentFiles = new ArrayList<>();
    List<FileText> templateFiles = new ArrayList<>();
    if (single) {
      LibrarySource.read(path, problems, singleTemplate ? templateFiles : agentFiles);
    } else {
      if (path.toAbsolutePath().getFileName().toString().equals("templates")) {
        // a templates folder itself: everything in it is a template
        templateFiles.addAll(LibrarySource.folderFiles(path, false, problems));
      } else {
        agentFiles.addAll(LibrarySource.folderFiles(path, false, problems));
        templateFiles.addAll(LibrarySource.folderFiles(path, true, problems));
      }
    }
    Set<String> mine = new HashSet<>();
    agentFiles.forEach(f -> mine.add(f.source()));

    // context: built-ins, then the neighbours of a single file (parsed silently), then the files
    // checked
    Map<String, AgentDefinition> context = new HashMap<>();
    List<Problem> ignored = new ArrayList<>();
    context.putAll(
        AgentRegistry.parseAgents(LibrarySource.classpath("agents", ignored), aliases, ignored));
    if (single && !singleTemplate) {
      List<FileText> neighbours =
          new ArrayList<>(LibrarySource.folderFiles(folder, false, ignored));
      neighbours.removeIf(f -> Path.of(f.source()).toAbsolutePath().equals(path.toAbsolutePath()));
      context.putAll(AgentRegistry.parseAgents(neighbours, aliases, ignored));
    }
    context.putAll(AgentRegistry.parseAgents(agentFiles, aliases, problems, true));
    for (FileText f : templateFiles) {
      PromptTemplate.parseFile(f.source(), f.text(), problems);
    }
    problems.addAll(RegistryChecks.check(context, a -> mine.contains(a.source())));
    problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
    return problems;
  }
}
