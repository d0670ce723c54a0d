package io.chorus.semantics.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.internal.AnswerJson;
import io.chorus.semantics.Claim;
import io.chorus.semantics.ParsedClaims;
import io.chorus.semantics.Stance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads {"claims":[{"text":…,"stance":…}]} out of a model's reply, tolerating fences and prose. */
public final class ClaimJson {

  private ClaimJson() {}

  public static ParsedClaims parse(String modelOutput, String answerForFallback) {
    String fallbackText = answerForFallback == null ? "" : answerForFallback;
    if (modelOutput == null || modelOutput.isBlank()) {
      return heuristic(fallbackText, "model returned no claims JSON (empty output)");
    }
    AnswerJson.Scan scan = AnswerJson.scan(modelOutput, ClaimJson::holdsClaims);
    if (scan.accepted().isEmpty()) {
      if (scan.first().isPresent()) {
        return heuristic(fallbackText, "claims JSON has no \"claims\" array");
      }
      if (scan.error() != null) {
        return heuristic(fallbackText, "claims JSON is malformed " + scan.error());
      }
      return heuristic(fallbackText, "model output contains no JSON object or array");
    }
    JsonNode root = scan.accepted().get();
    JsonNode array = root.isArray() ? root : root.get("claims");
    List<Claim> claims = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      String text = n.isTextual() ? n.asText() : n.path("text").asText("");
      if (text.isBlank()) {
        skipped.add("claims[" + i + "].text missing or blank");
        continue;
      }
      Stance stance = Stance.UNSTATED;
      JsonNode st = n.path("stance");
      if (st.isTextual()) {
        switch (st.asText().strip().toLowerCase(Locale.ROOT)) {
          case "agree" -> stance = Stance.AGREE;
          case "disagree" -> stance = Stance.DISAGREE;
          case "new" -> stance = Stance.NEW;
          default ->
              skipped.add(
                  "claims[" + i + "].stance \"" + st.asText() + "\" unknown, kept as unstated");
        }
      }
      // Models still write "I agree" as a claim now and then; the same filters apply.
      List<Claim> cleaned = ClaimSplitter.split(text);
      if (cleaned.isEmpty()) {
        skipped.add("claims[" + i + "] is filler (\"" + abbreviate(text) + "\")");
        continue;
      }
      for (Claim c : cleaned) {
        claims.add(new Claim(c.text(), stance == Stance.UNSTATED ? c.stance() : stance));
      }
    }
    if (claims.isEmpty()) {
      return heuristic(
          fallbackText,
          "claims JSON held no usable claim"
              + (skipped.isEmpty() ? "" : ": " + String.join("; ", skipped)));
    }
    return new ParsedClaims(claims, ParsedClaims.Source.STRUCTURED, String.join("; ", skipped));
  }

  private static ParsedClaims heuristic(String answer, String why) {
    return new ParsedClaims(ClaimSplitter.split(answer), ParsedClaims.Source.HEURISTIC, why);
  }

  /** {"claims":[…]}, or a bare non-empty array of strings or {"text":…} objects. */
  private static boolean holdsClaims(JsonNode n) {
    if (n.isObject()) {
      return n.path("claims").isArray();
    }
    if (n.isEmpty()) {
      return false;
    }
    for (JsonNode item : n) {
      if (!item.isTextual() && !item.has("text")) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }
}
