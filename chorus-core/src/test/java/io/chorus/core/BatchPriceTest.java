package io.chorus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The batch rate: half of every amount, looked up through the table like the list price. */
class BatchPriceTest {
  @Test
  void batchPriceIsHalfOfEveryAmount() {
    Price p = Price.of(3, 15);
    assertThat(p.batch()).isEqualTo(new Price(1.5, 7.5, 3 * 1.25 * 0.5, 3 * 0.1 * 0.5));
    Usage u = new Usage(1_000_000, 200_000, 10_000, 50_000);
    assertThat(p.batch().cost(u)).isCloseTo(p.cost(u) * Price.BATCH_SHARE, within(1e-12));
  }

  @Test
  void tableBatchCostUsesTheModelsPrice() {
    PriceTable t = PriceTable.defaults();
    ModelId sonnet = ModelId.parse("anthropic:claude-sonnet-4-5");
    Usage u = Usage.of(1_000_000, 1_000_000);
    assertThat(t.cost(sonnet, u)).isCloseTo(18.0, within(1e-9));
    assertThat(t.batchCost(sonnet, u)).isCloseTo(9.0, within(1e-9));
    assertThat(t.batchCost(ModelId.parse("nobody:x"), u)).isZero();
  }
}
