package io.chorus.deliberation;

import io.chorus.semantics.Claim;
import io.chorus.semantics.ClaimCluster;
import io.chorus.semantics.ClaimClusters;
import io.chorus.semantics.Claims;
import io.chorus.semantics.Convergence;
import io.chorus.semantics.Disagreement;
import io.chorus.semantics.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link DeliberationMeasures} on chorus-semantics: heuristic claims ({@link Claims#split}),
 * convergence by {@link Convergence} and agreements by {@link ClaimClusters}, over the standard
 * embedder (all-MiniLM-L6-v2 in process, or the hashed fallback when the model cannot load — the
 * description says which).
 */
final class SemanticMeasures implements DeliberationMeasures {
  private static volatile SemanticMeasures shared;
  private final Embedder embedder;

  SemanticMeasures(Embedder embedder) {
    this.embedder = embedder;
  }

  static SemanticMeasures shared() {
    SemanticMeasures s = shared;
    if (s == null) {
      s = new SemanticMeasures(Embedder.standard());
      shared = s;
    }
    return s;
  }

  @Override
  public String description() {
    String reason = embedder.unavailableReason();
    // "" and null both mean the model is in use: no "(model unavailable: )" when it loaded
    return embedder.id()
        + (reason == null || reason.isBlank() ? "" : " (model unavailable: " + reason + ")");
  }

  @Override
  public List<Claim> claims(String answer) {
    return Claims.split(answer);
  }

  @Override
  public double convergence(Map<String, List<Claim>> claims) {
    return Convergence.ofClaims(claims, embedder).overall();
  }

  @Override
  public ClaimAnalysis analyze(Map<String, List<Claim>> claims) {
    ClaimClusters clusters = ClaimClusters.of(claims, embedder);
    List<Point> agreements = new ArrayList<>();
    for (ClaimCluster c : clusters.agreements()) {
      agreements.add(new Point(c.representative(), c.participants(), List.of()));
    }
    List<Point> disagreements = new ArrayList<>();
    for (Disagreement d : clusters.disagreements()) {
      switch (d) {
        case Disagreement.Unique u ->
            disagreements.add(
                new Point(u.cluster().representative(), List.of(u.participant()), List.of()));
        case Disagreement.Contradicted c ->
            disagreements.add(
                new Point(
                    c.contradiction().first().text(),
                    List.of(c.contradiction().first().participant()),
                    List.of(c.contradiction().second().participant())));
        case Disagreement.Stated s ->
            disagreements.add(
                new Point(s.claim().text(), List.of(s.claim().participant()), List.of()));
      }
    }
    return new ClaimAnalysis(agreements, disagreements, clusters.contradictions().size());
  }
}
