package io.chorus.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The {@code chorus.*} properties of a Spring environment as the tree {@code chorus.yaml} would
 * hold, for {@link io.chorus.config.ConfigLoader#load(Map, String)}: the one mapping from
 * configuration to engine stays chorus-config's.
 *
 * <p>Relaxed binding, as Spring applies it: each key segment may be written in kebab case ({@code
 * max-cost}), camel case ({@code maxCost}) or snake case ({@code max_cost}); all become {@code
 * chorus.yaml}'s snake case. Indexed keys ({@code participants[0]}) become lists. Values are the
 * resolved strings ({@code ${...}} placeholders expanded); chorus-config reads them as the numbers,
 * booleans and durations their keys expect. Spring's environment-variable form ({@code
 * CHORUS_BUDGET_MAXCOST}) is not read here: chorus-config reads its own variables ({@code
 * CHORUS_MAX_COST}, {@code OPENAI_BASE_URL}, the API keys) from the process environment.
 */
public final class ChorusProperties {
  private ChorusProperties() {}

  private static final Pattern INDEX = Pattern.compile("^(.*?)\\[(\\d+)]$");
  private static final Pattern MAP_KEY = Pattern.compile("^(.*?)\\[(.+)]$");

  /** The dot-separated segments, dots inside brackets kept ({@code models[openai:gpt-4.1].x}). */
  static String[] segments(String name) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (char c : name.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (c == '.' && depth == 0) {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    out.add(sb.toString());
    // models[openai:gpt-4.1] is the key "openai:gpt-4.1" under models, verbatim
    List<String> split = new ArrayList<>();
    for (String s : out) {
      Matcher m = MAP_KEY.matcher(s);
      if (m.matches() && !INDEX.matcher(s).matches()) {
        if (!m.group(1).isEmpty()) {
          split.add(m.group(1));
        }
        split.add("\u0000" + m.group(2));
      } else {
        split.add(s);
      }
    }
    return split.toArray(String[]::new);
  }

  /** The tree under {@code prefix} (normally {@code chorus}). */
  public static Map<String, Object> tree(ConfigurableEnvironment env, String prefix) {
    TreeSet<String> names = new TreeSet<>();
    for (PropertySource<?> source : env.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> e && !isSystemEnvironment(source)) {
        for (String name : e.getPropertyNames()) {
          if (name.startsWith(prefix + ".")) {
            names.add(name);
          }
        }
      }
    }
    Map<String, Object> root = new LinkedHashMap<>();
    for (String name : names) {
      String value = env.getProperty(name);
      if (value != null) {
        put(root, segments(name.substring(prefix.length() + 1)), 0, value);
      }
    }
    return root;
  }

  private static boolean isSystemEnvironment(PropertySource<?> source) {
    return source.getName().equals("systemEnvironment");
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> node, String[] path, int i, String value) {
    Matcher m = INDEX.matcher(path[i].startsWith("\u0000") ? "" : path[i]);
    String key =
        path[i].startsWith("\u0000")
            ? path[i].substring(1)
            : snake(m.matches() ? m.group(1) : path[i]);
    boolean last = i == path.length - 1;
    if (m.matches()) {
      List<Object> list = (List<Object>) node.computeIfAbsent(key, k -> new ArrayList<>());
      int index = Integer.parseInt(m.group(2));
      while (list.size() <= index) {
        list.add(last ? null : new LinkedHashMap<String, Object>());
      }
      if (last) {
        list.set(index, value);
      } else {
        put((Map<String, Object>) list.get(index), path, i + 1, value);
      }
    } else if (last) {
      node.put(key, value);
    } else {
      Object child = node.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
      if (child instanceof Map<?, ?> map) {
        put((Map<String, Object>) map, path, i + 1, value);
      }
    }
  }

  /** {@code maxCost}, {@code max-cost}, {@code max_cost}: {@code max_cost}. */
  static String snake(String segment) {
    StringBuilder sb = new StringBuilder(segment.length() + 4);
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '-') {
        sb.append('_');
      } else if (Character.isUpperCase(c)) {
        if (i > 0 && sb.charAt(sb.length() - 1) != '_') {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
