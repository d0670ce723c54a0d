package io.chorus.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.agents.AgentDefinition;
import io.chorus.agents.ErrorHandling;
import io.chorus.agents.ModelAliases;
import io.chorus.agents.Problem;
import io.chorus.agents.PromptTemplate;
import io.chorus.agents.RelatedAgent;
import io.chorus.agents.RetryStrategy;
import io.chorus.agents.TokenOptimization;
import io.chorus.common.internal.LocatedYaml;
import io.chorus.core.ModelId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads one agent file into an {@link AgentDefinition}, collecting every problem with its file line
 * instead of stopping at the first. Checks that need other agents (fallback agents exist, no
 * cycles) are done by {@link RegistryChecks}.
 */
public final class AgentFileParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final String file;
  private final ModelAliases aliases;
  private final List<Problem> problems;
  private LocatedYaml yaml;

  private final boolean lenient;

  private AgentFileParser(
      String file, ModelAliases aliases, List<Problem> problems, boolean lenient) {
    this.file = file;
    this.aliases = aliases;
    this.problems = problems;
    this.lenient = lenient;
  }

  /**
   * Parses {@code content}; problems (errors and warnings) are added to {@code problems}. Returns
   * null when there is an error.
   */
  public static AgentDefinition parse(
      String file, String content, ModelAliases aliases, List<Problem> problems) {
    return new AgentFileParser(file, aliases, problems, false).parse(content);
  }

  /**
   * Like {@link #parse} but returns what could be read even when there are errors (as long as the
   * front matter parsed and has a name), so that validation can still check its fallback agent.
   */
  public static AgentDefinition parseLeniently(
      String file, String content, ModelAliases aliases, List<Problem> problems) {
    return new AgentFileParser(file, aliases, problems, true).parse(content);
  }

  private AgentDefinition parse(String content) {
    int errorsBefore = errors();
    String text = FrontMatter.normalize(content);
    FrontMatter fm = FrontMatter.split(file, text, true, problems);
    if (fm == null) {
      return null;
    }
    yaml = fm.read(file, problems);
    if (yaml == null) {
      return null;
    }
    JsonNode root = yaml.root();
    if (!root.isObject()) {
      problems.add(
          Problem.error(
              file,
              fm.yamlFirstLine(),
              "the front matter must be a mapping of keys, found " + kind(root)));
      return null;
    }
    String name = null;
    String description = null;
    String version = null;
    String modelSpec = null;
    ModelId model = null;
    List<String> tools = List.of();
    List<String> capabilities = List.of();
    JsonNode inputSchema = null;
    JsonNode outputSchema = null;
    ErrorHandling errorHandling = ErrorHandling.DEFAULT;
    TokenOptimization tokens = TokenOptimization.DEFAULT;
    Double temperature = null;
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    for (var e : root.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      String ptr = LocatedYaml.pointer("", key);
      int line = yaml.lineOf(ptr);
      switch (key) {
        case "name" -> {
          name = string(v, ptr);
          if (name != null && !NAME.matcher(name).matches()) {
            problems.add(
                Problem.error(
                    file,
                    line,
                    "name '"
                        + name
                        + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit"));
          }
        }
        case "description" -> description = string(v, ptr);
        case "version" -> version = v.isValueNode() && !v.isNull() ? v.asText() : string(v, ptr);
        case "model" -> {
          modelSpec = string(v, ptr);
          if (modelSpec != null) {
            try {
              model = aliases.resolve(modelSpec).orElse(null);
            } catch (IllegalArgumentException ex) {
              problems.add(Problem.error(file, line, "model: " + ex.getMessage()));
            }
          }
        }
        case "tools" -> tools = stringList(v, ptr, true);
        case "capabilities" -> capabilities = stringList(v, ptr, false);
        case "input_schema" -> inputSchema = schema(v, ptr, true);
        case "output_schema" -> outputSchema = schema(v, ptr, false);
        case "error_handling" -> errorHandling = errorHandling(v, ptr);
        case "token_optimization" -> tokens = tokenOptimization(v, ptr);
        case "temperature" -> {
          if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 2) {
            problems.add(
                Problem.error(file, line, "temperature must be a number in [0, 2], found " + v));
          } else {
            temperature = v.asDouble();
          }
        }
        default -> {
          extras.put(key, v);
          problems.add(
              Problem.warning(
                  file, line, "unknown key '" + key + "' (kept, but Chorus does not use it)"));
        }
      }
    }
    if (name == null && !root.has("name")) {
      problems.add(Problem.error(file, 1, "missing required key 'name'"));
    }
    PromptTemplate prompt =
        PromptTemplate.ofText(file, fm.body(), fm.bodyFirstLine(), false, problems);
    if (fm.body().isBlank()) {
      problems.add(
          Problem.warning(
              file, fm.bodyFirstLine() - 1, "the body is empty: the agent has no system prompt"));
    }
    checkPromptVariables(prompt, inputSchema);
    List<RelatedAgent> related =
        RelatedAgentsTable.parse(file, fm.body(), fm.bodyFirstLine(), problems);
    if (errors() > errorsBefore && (!lenient || name == null)) {
      return null;
    }
    return new AgentDefinition(
        name,
        description,
        version,
        modelSpec,
        model,
        tools,
        capabilities,
        inputSchema,
        outputSchema,
        errorHandling,
        tokens,
        temperature,
        fm.body(),
        prompt,
        related,
        extras,
        file,
        yaml.lines());
  }

  /**
   * Every {{variable}} of the body must be a property of the input schema, or it can never be
   * filled.
   */
  private void checkPromptVariables(PromptTemplate prompt, JsonNode inputSchema) {
    if (prompt.occurrences().isEmpty()) {
      return;
    }
    JsonNode props = inputSchema == null ? null : inputSchema.get("properties");
    TreeSet<String> known = new TreeSet<>();
    if (props != null && props.isObject()) {
      props.fieldNames().forEachRemaining(known::add);
    }
    for (PromptTemplate.Variable v : prompt.occurrences()) {
      if (!known.contains(v.name())) {
        problems.add(
            Problem.error(
                file,
                v.line(),
                "template variable "
                    + v.written()
                    + " is not a property of input_schema"
                    + (known.isEmpty()
                        ? " (the agent declares no input properties)"
                        : " (its properties: " + String.join(", ", known) + ")")
                    + "; declare it or write \\{{ for a literal {{"));
      }
    }
  }

  private JsonNode schema(JsonNode v, String ptr, boolean input) {
    String key = ptr.substring(1);
    int line = yaml.lineOf(ptr);
    if (!v.isObject()) {
      problems.add(
          Problem.error(
              file, line, key + " must be a JSON Schema object (a mapping), found " + kind(v)));
      return null;
    }
    JsonNode type = v.get("type");
    if (input && type != null && !(type.isTextual() && type.asText().equals("object"))) {
      problems.add(
          Problem.error(
              file,
              yaml.lineOf(ptr + "/type"),
              "input_schema must describe an object (type: object), found type: " + type));
    }
    int before = errors();
    for (SchemaSupport.SchemaError err : SchemaSupport.metaErrors(v)) {
      problems.add(
          Problem.error(
              file,
              yaml.lineOf(ptr + err.pointer()),
              key + " is not a valid JSON Schema: " + err.message()));
    }
    if (errors() == before) {
      try {
        SchemaSupport.compile(v);
      } catch (IllegalArgumentException e) {
        problems.add(Problem.error(file, line, key + " cannot be compiled: " + e.getMessage()));
      }
    }
    return v;
  }

  private ErrorHandling errorHandling(JsonNode v, String ptr) {
    if (!v.isObject()) {
      problems.add(
          Problem.error(
              file, yaml.lineOf(ptr), "error_handling must be a mapping, found " + kind(v)));
      return ErrorHandling.DEFAULT;
    }
    RetryStrategy strategy = ErrorHandling.DEFAULT.retryStrategy();
    int maxRetries = ErrorHandling.DEFAULT.maxRetries();
    String fallback = null;
    for (var e : v.properties()) {
      String p = LocatedYaml.pointer(ptr, e.getKey());
      int line = yaml.lineOf(p);
      switch (e.getKey()) {
        case "retry_strategy" -> {
          String s = string(e.getValue(), p);
          if (s != null) {
            var parsed = RetryStrategy.parse(s);
            if (parsed.isEmpty()) {
              problems.add(
                  Problem.error(
                      file,
                      line,
                      "unknown retry_strategy '"
                          + s
                          + "' (known: "
                          + RetryStrategy.accepted()
                          + ")"));
            } else {
              strategy = parsed.get();
            }
          }
        }
        case "max_retries" -> {
          Integer n = integer(e.getValue(), p);
          if (n != null && n < 0) {
            problems.add(Problem.error(file, line, "max_retries must not be negative, found " + n));
          } else if (n != null && n > 10) {
            problems.add(Problem.error(file, line, "max_retries must be at most 10, found " + n));
          } else if (n != null) {
            maxRetries = n;
          }
        }
        case "fallback_agent" -> fallback = string(e.getValue(), p);
        default ->
            problems.add(
                Problem.warning(
                    file, line, "unknown key 'error_handling." + e.getKey() + "' (ignored)"));
      }
    }
    return new ErrorHandling(strategy, maxRetries, fallback);
  }

  private TokenOptimization tokenOptimization(JsonNode v, String ptr) {
    if (!v.isObject()) {
      problems.add(
          Problem.error(
              file, yaml.lineOf(ptr), "token_optimization must be a mapping, found " + kind(v)));
      return TokenOptimization.DEFAULT;
    }
    int maxContext = 0;
    int responseMax = TokenOptimization.DEFAULT_RESPONSE_MAX_TOKENS;
    boolean concise = false;
    for (var e : v.properties()) {
      String p = LocatedYaml.pointer(ptr, e.getKey());
      int line = yaml.lineOf(p);
      switch (e.getKey()) {
        case "max_context_tokens" -> {
          Integer n = integer(e.getValue(), p);
          if (n != null && n <= 0) {
            problems.add(
                Problem.error(file, line, "max_context_tokens must be positive, found " + n));
          } else if (n != null) {
            maxContext = n;
          }
        }
        case "response_max_tokens" -> {
          Integer n = integer(e.getValue(), p);
          if (n != null && n <= 0) {
            problems.add(
                Problem.error(file, line, "response_max_tokens must be positive, found " + n));
          } else if (n != null) {
            responseMax = n;
          }
        }
        case "prefer_concise" -> {
          if (!e.getValue().isBoolean()) {
            problems.add(
                Problem.error(
                    file, line, "prefer_concise must be true or false, found " + e.getValue()));
          } else {
            concise = e.getValue().booleanValue();
          }
        }
        default ->
            problems.add(
                Problem.warning(
                    file, line, "unknown key 'token_optimization." + e.getKey() + "' (ignored)"));
      }
    }
    if (maxContext > 0 && responseMax > maxContext) {
      problems.add(
          Problem.warning(
              file,
              yaml.lineOf(ptr + "/response_max_tokens"),
              "response_max_tokens ("
                  + responseMax
                  + ") exceeds max_context_tokens ("
                  + maxContext
                  + ")"));
    }
    return new TokenOptimization(maxContext, responseMax, concise);
  }

  private String string(JsonNode v, String ptr) {
    if (v.isTextual() || v.isNumber() || v.isBoolean()) {
      String s = v.asText().strip();
      if (s.isEmpty()) {
        problems.add(
            Problem.error(
                file, yaml.lineOf(ptr), ptr.substring(1).replace('/', '.') + " must not be empty"));
        return null;
      }
      return s;
    }
    problems.add(
        Problem.error(
            file,
            yaml.lineOf(ptr),
            ptr.substring(1).replace('/', '.') + " must be a string, found " + kind(v)));
    return null;
  }

  private Integer integer(JsonNode v, String ptr) {
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.intValue();
    }
    problems.add(
        Problem.error(
            file,
            yaml.lineOf(ptr),
            ptr.substring(1).replace('/', '.') + " must be an integer, found " + v));
    return null;
  }

  private List<String> stringList(JsonNode v, String ptr, boolean commaSeparated) {
    List<String> out = new ArrayList<>();
    if (v.isTextual()) {
      for (String s : commaSeparated ? v.asText().split(",") : new String[] {v.asText()}) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    } else if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        String s = string(v.get(i), ptr + "/" + i);
        if (s != null) {
          out.add(s);
        }
      }
    } else {
      problems.add(
          Problem.error(
              file,
              yaml.lineOf(ptr),
              ptr.substring(1) + " must be a list of strings, found " + kind(v)));
    }
    return out;
  }

  private int errors() {
    return (int) problems.stream().filter(Problem::isError).count();
  }

  static String kind(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isNull()) {
      return "nothing (null)";
    }
    if (v.isTextual()) {
      return "the string '" + v.asText() + "'";
    }
    return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + v;
  }
}
