package io.chorus.semantics;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClaimClustersTest {

  static ClaimClusters result;

  @BeforeAll
  static void cluster() {
    Map<String, List<Claim>> claims =
        Fixtures.ordered(
            entry(
                "alice",
                Claims.split(
                    """
                    1. Async improves I/O throughput because it does not block on network calls.
                    2. Async code is harder to debug.
                    3. Caching reduces database load.
                    """)),
            entry(
                "bob",
                Claims.split(
                    """
                    - Asynchronous I/O increases throughput since the program never blocks waiting on the network.
                    - Debugging asynchronous code is harder.
                    - Use a connection pool for the database.
                    """)),
            entry(
                "carol",
                Claims.split(
                    """
                    I agree with Alice: async improves I/O throughput by not blocking on the network.
                    Caching increases database load. Async code is harder to debug.
                    """)));
    result = ClaimClusters.of(claims, Fixtures.MINI_LM);
    result
        .clusters()
        .forEach(
            c ->
                System.out.println(
                    c.participants()
                        + " "
                        + c.members().stream().map(AttributedClaim::text).toList()));
    result.disagreements().forEach(d -> System.out.println("disagreement: " + d.summary()));
  }

  @Test
  void mostIsTwoThirdsRoundedUp() {
    assertThat(ClaimClusters.mostOf(2)).isEqualTo(2);
    assertThat(ClaimClusters.mostOf(3)).isEqualTo(2);
    assertThat(ClaimClusters.mostOf(4)).isEqualTo(3);
    assertThat(ClaimClusters.mostOf(5)).isEqualTo(4);
    assertThat(result.most()).isEqualTo(2);
  }

  @Test
  void agreementsAreTheClaimsAllThreeHold() {
    assertThat(result.agreements()).hasSize(2);
    assertThat(result.agreements())
        .allSatisfy(c -> assertThat(c.participants()).containsExactly("alice", "bob", "carol"));
    assertThat(result.keyAgreements()).anyMatch(t -> t.toLowerCase().contains("throughput"));
    assertThat(result.keyAgreements()).anyMatch(t -> t.toLowerCase().contains("debug"));
    assertThat(result.keyAgreements()).noneMatch(t -> t.startsWith("I agree"));
    assertThat(result.partial()).isEmpty();
  }

  @Test
  void contradictionIsReportedAndAttributed() {
    assertThat(result.contradictions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(List.of(c.first().participant(), c.second().participant()))
                  .containsExactly("alice", "carol");
              assertThat(c.first().text()).isEqualTo("Caching reduces database load.");
              assertThat(c.second().text()).isEqualTo("Caching increases database load.");
              assertThat(c.reason()).contains("antonyms");
            });
    assertThat(result.disagreements())
        .filteredOn(d -> d instanceof Disagreement.Contradicted)
        .singleElement()
        .satisfies(d -> assertThat(d.participants()).containsExactly("alice", "carol"));
    // opposite claims are never one cluster
    assertThat(result.clusters())
        .noneMatch(
            c ->
                c.members().stream().anyMatch(m -> m.text().contains("reduces database"))
                    && c.members().stream().anyMatch(m -> m.text().contains("increases database")));
  }

  @Test
  void claimsHeldByOneParticipantAreUniqueDisagreements() {
    List<Disagreement.Unique> unique =
        result.disagreements().stream()
            .filter(d -> d instanceof Disagreement.Unique)
            .map(d -> (Disagreement.Unique) d)
            .toList();
    assertThat(unique)
        .extracting(Disagreement.Unique::participant)
        .containsExactlyInAnyOrder("alice", "bob", "carol");
    assertThat(unique)
        .anySatisfy(
            u -> {
              assertThat(u.participant()).isEqualTo("bob");
              assertThat(u.cluster().representative())
                  .isEqualTo("Use a connection pool for the database.");
              assertThat(u.summary())
                  .isEqualTo("only bob: Use a connection pool for the database.");
            });
    assertThat(result.embedder()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(result.agreementRatio()).isEqualTo(2.0 / result.clusters().size());
  }

  @Test
  void statedDisagreementIsAttributedToItsAuthor() {
    ClaimClusters r =
        ClaimClusters.of(
            Fixtures.ordered(
                entry("claude", List.of(Claim.of("Async offers zero-cost concurrency"))),
                entry("grok", Claims.split("I disagree that async offers zero-cost concurrency."))),
            Fixtures.MINI_LM);
    assertThat(r.disagreements())
        .anySatisfy(
            d -> {
              assertThat(d).isInstanceOf(Disagreement.Stated.class);
              assertThat(d.participants()).containsExactly("grok");
            });
    assertThat(r.disagreements())
        .anySatisfy(d -> assertThat(d).isInstanceOf(Disagreement.Contradicted.class));
    assertThat(r.agreements()).isEmpty();
  }

  @Test
  void partialClustersWithFiveParticipants() {
    Map<String, List<Claim>> claims =
        Fixtures.ordered(
            entry("p1", List.of(Claim.of("The capital of France is Paris"))),
            entry("p2", List.of(Claim.of("Paris is France's capital city"))),
            entry("p3", List.of(Claim.of("Bananas are rich in potassium"))),
            entry("p4", List.of(Claim.of("Bananas contain a lot of potassium"))),
            entry("p5", List.of(Claim.of("Bananas are a good source of potassium"))));
    ClaimClusters r = ClaimClusters.of(claims, Fixtures.MINI_LM);
    assertThat(r.most()).isEqualTo(4);
    assertThat(r.agreements()).isEmpty();
    assertThat(r.partial()).hasSize(2);
    assertThat(r.partial().get(0).participants()).containsExactly("p1", "p2");
    assertThat(r.partial().get(1).participants()).containsExactly("p3", "p4", "p5");
  }
}
