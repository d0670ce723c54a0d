package io.chorus.patterns.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.patterns.PromptTemplate;
import io.chorus.patterns.section.Merge;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.vote.Adaptive;
import io.chorus.patterns.vote.Aggregator;
import io.chorus.patterns.vote.Aggregators;
import io.chorus.patterns.vote.AnswerFormat;
import io.chorus.patterns.vote.SemanticClusters;
import io.chorus.patterns.vote.SynonymTable;
import io.chorus.patterns.vote.Voter;
import io.chorus.semantics.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Loads pattern spec files (YAML): {@code sections.yaml}, {@code voters.yaml} and nested
 * translation specs; see {@link SectionsSpec}, {@link VotingSpec} and {@link TranslateSpec} for the
 * formats. Every error is a {@link SpecException} naming file, line and key; unknown keys are
 * errors too (a typo never silently falls back to a default). Example specs ship in this module's
 * resources under {@code examples/}. Stateless and thread-safe.
 */
public final class PatternSpecs {
  private PatternSpecs() {}

  private static final Set<String> SECTIONS_KEYS =
      Set.of(
          "kind",
          "name",
          "model",
          "max_tokens",
          "policy",
          "merge",
          "variables",
          "input",
          "sections");
  private static final Set<String> SECTION_KEYS =
      Set.of("name", "prompt", "system", "model", "temperature");
  private static final Set<String> VOTE_KEYS =
      Set.of(
          "kind",
          "name",
          "model",
          "prompt",
          "options",
          "aggregator",
          "threshold",
          "judge",
          "similarity",
          "embedder",
          "ranked",
          "format",
          "adaptive",
          "policy",
          "synonyms",
          "voters",
          "samples",
          "max_tokens");
  private static final Set<String> VOTER_KEYS =
      Set.of("name", "system", "temperature", "model", "weight");
  private static final Set<String> SAMPLES_KEYS = Set.of("count", "temperature", "model", "system");
  private static final Set<String> TRANSLATE_KEYS =
      Set.of(
          "kind",
          "name",
          "model",
          "text",
          "languages",
          "prompt",
          "aggregator",
          "judge",
          "threshold",
          "similarity",
          "embedder",
          "policy",
          "personas");

  /** Loads a spec; its kind comes from {@code kind:} or from its keys. */
  public static PatternSpec load(Path file) {
    SpecTree tree = SpecTree.read(file);
    JsonNode root = tree.root;
    if (!root.isObject()) {
      throw tree.error("", "the spec must be a mapping of keys to values");
    }
    String kind = tree.text(root, "", "kind", false);
    if (kind == null) {
      kind =
          root.has("sections")
              ? "sections"
              : root.has("languages")
                  ? "translate"
                  : root.has("voters") || root.has("samples") ? "vote" : null;
      if (kind == null) {
        throw tree.error(
            "",
            "cannot tell what this spec is: add 'kind: sections', 'kind: vote' or 'kind: translate'");
      }
    }
    return switch (kind.strip().toLowerCase(Locale.ROOT)) {
      case "sections", "section", "sectioning" -> sections(tree);
      case "vote", "voting", "voters" -> vote(tree);
      case "translate", "translation" -> translate(tree);
      default ->
          throw tree.error("kind", "unknown kind '" + kind + "': use sections, vote or translate");
    };
  }

  private static SectionsSpec sections(SpecTree t) {
    JsonNode root = t.root;
    t.onlyKeys(root, "", SECTIONS_KEYS);
    ModelId model = t.model(root, "", "model");
    var variables = t.strings(root, "", "variables");
    Set<String> known = new HashSet<>(variables.keySet());
    known.add("input");
    List<Section> sections = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<JsonNode> items = t.list(root, "", "sections", true);
    for (int i = 0; i < items.size(); i++) {
      String p = "sections[" + i + "]";
      JsonNode s = items.get(i);
      if (!s.isObject()) {
        throw t.error(p, "each section must be a mapping with name and prompt");
      }
      t.onlyKeys(s, p, SECTION_KEYS);
      String name = t.text(s, p, "name", true);
      if (!names.add(name)) {
        throw t.error(p + ".name", "another section is already named '" + name + "'");
      }
      PromptTemplate template =
          t.template(s, p, "prompt", true, known, ", which is not 'input' and not in 'variables'");
      ModelId m = t.model(s, p, "model");
      if (m == null && model == null) {
        throw t.error(p, "no model: set 'model' here or at the top of the spec");
      }
      Double temperature = t.number(s, p, "temperature", 0, 2);
      sections.add(
          new Section(name, template, t.text(s, p, "system", false), m, temperature, null));
    }
    Integer maxTokens = t.integer(root, "", "max_tokens", 1, 1_000_000);
    return new SectionsSpec(
        t.file,
        nameOr(t, "sections"),
        model,
        maxTokens == null ? 1024 : maxTokens,
        t.policy(root, ""),
        merge(t, model),
        variables,
        t.text(root, "", "input", false),
        sections);
  }

  private static Merge merge(SpecTree t, ModelId defaultModel) {
    JsonNode m = t.root.get("merge");
    if (m == null || m.isNull()) {
      return Merge.headings();
    }
    if (m.isTextual()) {
      return switch (m.asText().strip().toLowerCase(Locale.ROOT)) {
        case "headings" -> Merge.headings();
        case "llm" -> {
          if (defaultModel == null) {
            throw t.error("merge", "an llm merge needs a model: write merge: {llm: {model: M}}");
          }
          yield Merge.llm(defaultModel, null);
        }
        default ->
            throw t.error(
                "merge", "unknown merge '" + m.asText() + "': use headings or {llm: {model: M}}");
      };
    }
    if (!m.isObject()) {
      throw t.error("merge", "must be 'headings', 'llm' or {llm: {model: M, instruction: ...}}");
    }
    t.onlyKeys(m, "merge", Set.of("llm"));
    JsonNode llm = t.object(m, "merge", "llm", true);
    t.onlyKeys(llm, "merge.llm", Set.of("model", "instruction"));
    ModelId model = t.model(llm, "merge.llm", "model");
    if (model == null && defaultModel == null) {
      throw t.error("merge.llm", "'model' is missing");
    }
    return Merge.llm(
        model != null ? model : defaultModel, t.text(llm, "merge.llm", "instruction", false));
  }

  private static VotingSpec vote(SpecTree t) {
    JsonNode root = t.root;
    t.onlyKeys(root, "", VOTE_KEYS);
    ModelId model = t.model(root, "", "model");
    List<Voter> voters = new ArrayList<>(voters(t, "voters", model));
    JsonNode samples = t.object(root, "", "samples", false);
    if (samples != null) {
      t.onlyKeys(samples, "samples", SAMPLES_KEYS);
      Integer n = t.integer(samples, "samples", "count", 1, 1000);
      if (n == null) {
        throw t.error("samples", "'count' is missing");
      }
      Double temp = t.number(samples, "samples", "temperature", 0, 2);
      if (temp == null || temp == 0) {
        throw t.error("samples.temperature", "self-consistency needs a temperature above 0");
      }
      ModelId m = t.model(samples, "samples", "model");
      if (m == null && model == null) {
        throw t.error("samples", "no model: set 'model' here or at the top of the spec");
      }
      String system = t.text(samples, "samples", "system", false);
      for (int i = 1; i <= n; i++) {
        voters.add(new Voter("sample-" + i, m, system, temp, 1.0));
      }
    }
    if (voters.isEmpty()) {
      throw t.error("", "no voters: add 'voters' or 'samples'");
    }
    List<String> options = t.texts(root, "", "options", false);
    SynonymTable synonyms = SynonymTable.defaults();
    List<JsonNode> groups = t.list(root, "", "synonyms", false);
    for (int i = 0; i < groups.size(); i++) {
      JsonNode g = groups.get(i);
      if (!g.isArray() || g.size() < 2) {
        throw t.error(
            "synonyms[" + i + "]",
            "each entry must be a list of at least two words that mean the same");
      }
      List<String> words = new ArrayList<>();
      g.forEach(w -> words.add(w.asText()));
      synonyms = synonyms.with(words.toArray(String[]::new));
    }
    Adaptive adaptive = Adaptive.OFF;
    String a = t.text(root, "", "adaptive", false);
    if (a != null) {
      try {
        adaptive = Adaptive.parse(a);
      } catch (IllegalArgumentException e) {
        throw t.error("adaptive", e.getMessage(), e);
      }
    }
    AnswerFormat format = AnswerFormat.JSON;
    String f = t.text(root, "", "format", false);
    if (f != null) {
      format =
          switch (f.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> AnswerFormat.JSON;
            case "lines" -> AnswerFormat.LINES;
            default -> throw t.error("format", "unknown format '" + f + "': use json or lines");
          };
    }
    FailurePolicy policy = t.policy(root, "");
    if (adaptive.mode() == Adaptive.Mode.CANCEL && !(policy instanceof FailurePolicy.Ignore)) {
      throw t.error(
          "adaptive",
          "'cancel' works only with policy ignore; use waves:N with policy "
              + t.text(root, "", "policy", false));
    }
    boolean ranked = t.bool(root, "", "ranked");
    Supplier<Aggregator> aggregator = aggregator(t, "majority", model, options.isEmpty(), ranked);
    Integer maxTokens = t.integer(root, "", "max_tokens", 1, 1_000_000);
    return new VotingSpec(
        t.file,
        nameOr(t, "vote"),
        model,
        textOf(
            t.template(
                root,
                "",
                "prompt",
                false,
                Set.of("input"),
                "; a voters prompt knows only {{input}} (a batch line's input)")),
        options,
        voters,
        aggregator,
        policy,
        adaptive,
        ranked,
        format,
        synonyms,
        maxTokens == null ? 1024 : maxTokens);
  }

  /** Reads a list of voters (voters or personas). */
  private static List<Voter> voters(SpecTree t, String key, ModelId defaultModel) {
    List<Voter> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<JsonNode> items = t.list(t.root, "", key, false);
    for (int i = 0; i < items.size(); i++) {
      String p = key + "[" + i + "]";
      JsonNode v = items.get(i);
      if (!v.isObject()) {
        throw t.error(p, "each voter must be a mapping with at least a name");
      }
      t.onlyKeys(v, p, VOTER_KEYS);
      String name = t.text(v, p, "name", true);
      if (!names.add(name)) {
        throw t.error(p + ".name", "another voter is already named '" + name + "'");
      }
      ModelId m = t.model(v, p, "model");
      if (m == null && defaultModel == null) {
        throw t.error(p, "no model: set 'model' here or at the top of the spec");
      }
      Double weight = t.number(v, p, "weight", 0, 1e9);
      if (weight != null && weight == 0) {
        throw t.error(p + ".weight", "must be positive, was 0");
      }
      out.add(
          new Voter(
              name,
              m,
              t.text(v, p, "system", false),
              t.number(v, p, "temperature", 0, 2),
              weight == null ? 1.0 : weight));
    }
    return out;
  }

  private static Supplier<Aggregator> aggregator(
      SpecTree t, String dflt, ModelId model, boolean freeText, boolean ranked) {
    JsonNode root = t.root;
    String name = t.text(root, "", "aggregator", false);
    String kind =
        (name == null ? (ranked ? "borda" : dflt) : name).strip().toLowerCase(Locale.ROOT);
    Double th = t.number(root, "", "threshold", 0, 1);
    double threshold = th == null ? Aggregators.DEFAULT_THRESHOLD : th;
    if (th != null && th == 0) {
      throw t.error("threshold", "must be above 0");
    }
    ModelId judge = t.model(root, "", "judge");
    Double similarity = t.number(root, "", "similarity", -1, 1);
    String embedderName = t.text(root, "", "embedder", false);
    String where = name == null ? "" : "aggregator";
    return switch (kind.replace('_', '-')) {
      case "majority" -> () -> Aggregators.majority(threshold);
      case "threshold", "consensus" -> () -> Aggregators.threshold(threshold);
      case "weighted" -> () -> Aggregators.weighted(threshold);
      case "confidence", "confidence-weighted" -> () -> Aggregators.confidenceWeighted(threshold);
      case "borda", "ranked" -> {
        if (freeText) {
          throw t.error(where, "the borda aggregator needs 'options' to rank");
        }
        yield () -> Aggregators.borda(threshold);
      }
      case "judge", "synthesis", "llm" -> {
        if (judge == null && model == null) {
          throw t.error(where, "the judge aggregator needs 'judge' or a top-level 'model'");
        }
        yield () -> Aggregators.judge(judge != null ? judge : model, threshold, null);
      }
      case "semantic", "clusters" -> {
        Supplier<Embedder> embedder =
            switch (embedderName == null ? "standard" : embedderName.strip()) {
              case "standard" -> Embedder::standard;
              case "minilm", "all-minilm-l6-v2" -> Embedder::miniLm;
              case "hashed" -> Embedder::hashed;
              default ->
                  throw t.error(
                      "embedder",
                      "unknown embedder '" + embedderName + "': use standard, minilm or hashed");
            };
        double sim = similarity == null ? Double.NaN : similarity;
        yield () -> new SemanticClusters(embedder.get(), sim, threshold);
      }
      default ->
          throw t.error(
              where,
              "unknown aggregator '"
                  + name
                  + "': use majority, threshold, weighted, confidence, borda, judge or semantic");
    };
  }

  private static TranslateSpec translate(SpecTree t) {
    JsonNode root = t.root;
    t.onlyKeys(root, "", TRANSLATE_KEYS);
    ModelId model = t.model(root, "", "model");
    if (model == null) {
      throw t.error("", "'model' is missing");
    }
    List<String> languages = t.texts(root, "", "languages", true);
    if (languages.isEmpty()) {
      throw t.error("languages", "must not be empty");
    }
    String prompt =
        textOf(
            t.template(
                root,
                "",
                "prompt",
                false,
                Set.of("language", "input"),
                "; a translation prompt knows only {{language}} and {{input}}"));
    Supplier<Aggregator> aggregator =
        root.has("aggregator") ? aggregator(t, "judge", model, true, false) : null;
    return new TranslateSpec(
        t.file,
        nameOr(t, "translation"),
        model,
        t.text(root, "", "text", false),
        languages,
        prompt,
        voters(t, "personas", model),
        aggregator,
        t.policy(root, ""));
  }

  private static String nameOr(SpecTree t, String dflt) {
    String n = t.text(t.root, "", "name", false);
    return n == null || n.isBlank() ? dflt : n.strip();
  }

  /** The failure policy parsed the way spec files write it (for callers that take it as text). */
  public static FailurePolicy policy(String text) {
    return FailurePolicy.parse(text);
  }

  private static @Nullable String textOf(@Nullable PromptTemplate t) {
    return t == null ? null : t.text();
  }
}
