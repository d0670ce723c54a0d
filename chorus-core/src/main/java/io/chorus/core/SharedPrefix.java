package io.chorus.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The start of a request's prompt that other calls of its fan-out share, marked so that the
 * provider caches it once and the other calls read it: Anthropic gets a {@code cache_control}
 * breakpoint where the prefix ends, OpenAI-compatible providers a {@code prompt_cache_key} of
 * {@link #key()}, and the engine sends one leader call per prefix first, releasing the others when
 * the leader's response has begun (Anthropic's cache entry is readable only from then on; N
 * parallel calls would otherwise pay N cache writes).
 *
 * <p>The prompt is read as one text: the system prompt (when there is one), then each message's
 * content, in order. {@link #chars()} counts characters of that text; the prefix never spans two
 * parts differently in two requests, since {@link #mark} compares part by part.
 *
 * <p>{@link #mark} finds the prefixes; {@link Engine#callAll} applies it to its calls by itself and
 * the patterns (vote, section, deliberate) to their fan-outs, unless the engine was built with
 * {@link PrefixCaching#OFF}.
 *
 * @param chars the length of the shared prefix, in characters of the prompt text, positive
 * @param key a stable identifier of the prefix and its model (hex), the same for every request
 *     sharing it
 */
public record SharedPrefix(int chars, String key) {

  public SharedPrefix {
    if (chars <= 0) {
      throw new IllegalArgumentException("shared prefix: chars must be positive, was " + chars);
    }
    Objects.requireNonNull(key, "key");
  }

  /**
   * The shortest prefix, in tokens, the model's provider caches; 0 when Chorus knows no prompt
   * caching for it. Anthropic (as of {@link PriceTable#defaultsTakenOn()}): 4,096 for Claude Opus
   * 4.5 and Haiku 4.5, 2,048 for Haiku 3 and 3.5, 1,024 for the others. OpenAI: 1,024 (automatic
   * caching of the prompt's start in 128-token steps). Shorter prefixes are not marked: the
   * provider would ignore the breakpoint and the leader's head start would buy nothing.
   */
  public static long minCacheableTokens(ModelId model) {
    String m = model.model();
    return switch (model.provider()) {
      case "anthropic" -> {
        if (m.startsWith("claude-opus-4-5") || m.startsWith("claude-haiku-4-5")) {
          yield 4096;
        }
        yield m.startsWith("claude-3-5-haiku") || m.startsWith("claude-3-haiku") ? 2048 : 1024;
      }
      case "openai" -> 1024;
      default -> 0;
    };
  }

  /**
   * The requests, in the same order, each marked with the prefix it shares with at least one other
   * request of the same model, when that prefix is long enough to cache ({@link
   * #minCacheableTokens}); requests that share nothing worth caching come back unchanged. A request
   * already carrying a {@link ChatRequest#sharedPrefix()} keeps it; a null entry (the place of a
   * nested pattern in a vote or sectioning) stays null.
   *
   * <p>Requests of one model are grouped, and their longest common prefix is taken part by part
   * (system, then messages; the same role and text, up to the first difference). With personas that
   * differ in the system prompt, only what precedes the difference is shared: put the shared
   * document first for it to be cached.
   */
  public static List<@Nullable ChatRequest> mark(List<@Nullable ChatRequest> requests) {
    Map<ModelId, List<Integer>> byModel = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      ChatRequest r = requests.get(i);
      if (r != null && r.sharedPrefix() == null && minCacheableTokens(r.model()) > 0) {
        byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(i);
      }
    }
    List<@Nullable ChatRequest> out = new ArrayList<>(requests);
    for (Map.Entry<ModelId, List<Integer>> g : byModel.entrySet()) {
      List<Integer> idx = g.getValue();
      if (idx.size() < 2) {
        continue;
      }
      List<String> first = parts(requests.get(idx.get(0)));
      int[] common = {first.size(), Integer.MAX_VALUE}; // parts fully shared, chars of the next
      for (int k = 1; k < idx.size(); k++) {
        narrow(common, first, parts(requests.get(idx.get(k))));
      }
      StringBuilder prefix = new StringBuilder();
      for (int p = 0; p < common[0]; p++) {
        prefix.append(first.get(p), 1, first.get(p).length());
      }
      if (common[0] < first.size() && common[1] != Integer.MAX_VALUE) {
        prefix.append(first.get(common[0]), 1, 1 + common[1]);
      }
      if (prefix.isEmpty() || TokenEstimate.of(prefix) < minCacheableTokens(g.getKey())) {
        continue;
      }
      SharedPrefix sp = new SharedPrefix(prefix.length(), key(g.getKey(), prefix));
      for (int i : idx) {
        out.set(i, requests.get(i).toBuilder().sharedPrefix(sp).build());
      }
    }
    return out;
  }

  /**
   * {@link #mark} when {@code engine} caches shared prefixes ({@link PrefixCaching#AUTO}), else the
   * requests as they are.
   */
  public static List<@Nullable ChatRequest> markFor(
      Engine engine, List<@Nullable ChatRequest> requests) {
    return engine.config().prefixCaching() == PrefixCaching.AUTO ? mark(requests) : requests;
  }

  /**
   * Where the prefix ends in the prompt text: the index of the part (0 is the system prompt when
   * the request has one) and the characters of that part inside the prefix. Providers use it to
   * place the cache breakpoint; {@code null} when the request is shorter than the prefix.
   *
   * @return {part index, chars within that part}, or null
   */
  public int @Nullable [] end(ChatRequest request) {
    int left = chars;
    int part = 0;
    if (request.system() != null) {
      if (left <= request.system().length()) {
        return new int[] {0, left};
      }
      left -= request.system().length();
      part++;
    }
    for (Message m : request.messages()) {
      if (left <= m.content().length()) {
        return new int[] {part, left};
      }
      left -= m.content().length();
      part++;
    }
    return null;
  }

  /** The prompt's parts, each its role's initial then its text: s (system), u, a. */
  private static List<String> parts(ChatRequest r) {
    List<String> out = new ArrayList<>();
    if (r.system() != null) {
      out.add("s" + r.system());
    }
    for (Message m : r.messages()) {
      out.add(m.role().wireName().charAt(0) + m.content());
    }
    return out;
  }

  private static void narrow(int[] common, List<String> first, List<String> other) {
    int p = 0;
    while (p < common[0]) {
      if (p >= other.size() || !other.get(p).equals(first.get(p))) {
        break;
      }
      p++;
    }
    if (p < common[0]) {
      common[0] = p;
      common[1] = p < other.size() ? sharedChars(first.get(p), other.get(p)) : 0;
    } else if (p < first.size()) {
      int c = p < other.size() ? sharedChars(first.get(p), other.get(p)) : 0;
      common[1] = Math.min(common[1], c);
    }
  }

  /** Characters of text two parts share at their start; 0 when their roles differ. */
  private static int sharedChars(String a, String b) {
    if (a.charAt(0) != b.charAt(0)) {
      return 0;
    }
    int n = Math.min(a.length(), b.length());
    int i = 1;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i - 1;
  }

  private static String key(ModelId model, CharSequence prefix) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(model.toString().getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(prefix.toString().getBytes(StandardCharsets.UTF_8));
      return "chorus-" + HexFormat.of().formatHex(d.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
