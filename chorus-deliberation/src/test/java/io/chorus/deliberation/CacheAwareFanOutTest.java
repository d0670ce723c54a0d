package io.chorus.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.PrefixCaching;
import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.vote.Voting;
import io.chorus.providers.AnthropicProvider;
import io.chorus.providers.Secret;
import io.chorus.semantics.Embedder;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.SimStats;
import io.chorus.sim.Simulator;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Cache-aware fan-out, measured on the simulator's prompt-cache accounting (Anthropic's semantics:
 * an entry is readable only once the first response using it has begun; writes cost 1.25x input,
 * reads 0.1x) through the real Anthropic HTTP client: the same pattern run once with {@link
 * PrefixCaching#OFF} (the naive fan-out, every call paying the whole prompt) and once with {@link
 * PrefixCaching#AUTO} (one leader writes the shared 10,000-token context, the others read it).
 * Input cost is priced at Claude Sonnet's list price. The makespan ratios are a benchmark ({@code
 * scripts/cache-bench.sh}, {@code io.chorus.bench.CacheFanOut}), not asserted here.
 */
class CacheAwareFanOutTest {
  static final String MODEL = "anthropic:claude-sonnet-4-5";
  static final Price SONNET = Price.of(3, 15);

  /** 10,000 tokens by the simulator's count (four characters a token). */
  static final String CONTEXT = context(10_000);

  static String context(long tokens) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < tokens * 4; i++) {
      sb.append("Clause ").append(i).append(": the supplier delivers within thirty days. ");
    }
    return sb.substring(0, (int) tokens * 4);
  }

  record Measured(double inputCostUsd, long writes, long reads, long makespanMs) {}

  static Measured measure(PrefixCaching caching, Consumer<Engine> pattern) {
    try (Simulator sim =
        Simulator.builder()
            .seed(7)
            .model(
                "claude-sonnet-4-5",
                ModelBehaviour.builder()
                    .ttft(Duration.ofMillis(60))
                    .tokensPerSecond(60)
                    .minCacheTokens(1024)
                    .build())
            .start()) {
      try (Engine engine =
          Engine.builder()
              .provider(
                  AnthropicProvider.builder()
                      .baseUrl(sim.baseUrl())
                      .apiKey(Secret.of("sk-sim"))
                      .synthetic(true)
                      .build())
              .prices(PriceTable.empty().with("anthropic:*", SONNET))
              .prefixCaching(caching)
              .build()) {
        long t0 = System.nanoTime();
        pattern.accept(engine);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        SimStats.Counters c = sim.stats().totals();
        double cost =
            SONNET.cost(
                new io.chorus.core.Usage(
                    c.inputTokens(), 0, c.cacheCreationTokens(), c.cacheReadTokens()));
        return new Measured(cost, c.cacheCreationTokens(), c.cacheReadTokens(), ms);
      }
    }
  }

  static void assertCheaper(Measured naive, Measured cached, double maxCostShare) {
    assertThat(naive.writes() + naive.reads()).isZero();
    assertThat(cached.inputCostUsd() / naive.inputCostUsd())
        .as("input cost with the cache / naive, %s vs %s", cached, naive)
        .isLessThanOrEqualTo(maxCostShare);
    // makespan is measured by scripts/cache-bench.sh (BENCHMARKS.md), not timed in a unit test
  }

  @Test
  void fiveVotersOverASharedContextPayAtMost35PercentOfTheNaiveInputCostAndFinishAsSoon() {
    Consumer<Engine> vote =
        engine ->
            Voting.builder()
                .prompt(CONTEXT + "\n\nIs the supplier bound to a delivery deadline?")
                .options("yes", "no")
                .samples(ModelId.parse(MODEL), 5, 0.7, null)
                .maxTokens(200)
                .build()
                .run(engine);
    measure(PrefixCaching.AUTO, vote); // warm the JVM and the connections
    Measured naive = measure(PrefixCaching.OFF, vote);
    Measured cached = measure(PrefixCaching.AUTO, vote);
    assertThat(cached.writes()).isBetween(10_000L, 10_200L); // one leader wrote the context
    assertThat(cached.reads()).isBetween(40_000L, 40_800L); // four followers read it
    assertCheaper(naive, cached, 0.35);
  }

  @Test
  void sectionsOverASharedDocumentWriteItOnceAndReadItFourTimes() {
    Consumer<Engine> sections =
        engine ->
            Sectioning.builder()
                .input(CONTEXT)
                .model(MODEL)
                .maxTokens(200)
                .section(Section.of("parties", "{{input}}\n\nName the parties."))
                .section(Section.of("terms", "{{input}}\n\nList the delivery terms."))
                .section(Section.of("risks", "{{input}}\n\nList the risks."))
                .section(Section.of("fees", "{{input}}\n\nList the fees."))
                .section(Section.of("summary", "{{input}}\n\nSummarise it."))
                .build()
                .run(engine);
    Measured naive = measure(PrefixCaching.OFF, sections);
    Measured cached = measure(PrefixCaching.AUTO, sections);
    assertThat(cached.reads()).isGreaterThanOrEqualTo(40_000L);
    assertCheaper(naive, cached, 0.35);
  }

  @Test
  void aThreeParticipantDeliberationReadsTheSharedTaskInEachRound() {
    SemanticMeasures measures = new SemanticMeasures(Embedder.miniLm());
    Consumer<Engine> deliberate =
        engine ->
            Deliberation.builder()
                .task(CONTEXT + "\n\nList the obligations of the supplier.")
                .participant(Participant.of(MODEL).withName("a"))
                .participant(Participant.of(MODEL).withName("b"))
                .participant(Participant.of(MODEL).withName("c"))
                .rounds(2)
                .converge(1.0)
                .claims(Deliberation.ClaimExtraction.HEURISTIC)
                .measures(measures)
                .maxTokens(200)
                .build()
                .run(engine);
    Measured naive = measure(PrefixCaching.OFF, deliberate);
    Measured cached = measure(PrefixCaching.AUTO, deliberate);
    // each round: one write of the shared start, two reads (1.25 + 2 x 0.1 of 3 = 48%); the
    // simulated participants agree after the first round, so there is one
    assertThat(cached.writes()).isBetween(10_000L, 10_200L);
    assertThat(cached.reads()).isGreaterThanOrEqualTo(2 * 10_000L);
    assertCheaper(naive, cached, 0.55);
  }
}
