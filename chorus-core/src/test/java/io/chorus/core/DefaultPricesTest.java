package io.chorus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The default price table: every model the catalog knows is priced, GPT-5 at its list price. */
class DefaultPricesTest {

  @Test
  void everyModelOfTheDefaultCatalogHasADefaultPrice() {
    for (String model : ModelCatalog.defaults().asMap().keySet()) {
      assertThat(PriceTable.defaults().find(ModelId.parse(model))).as(model).isPresent();
    }
  }

  @Test
  void gpt5AndItsSmallerSiblingsArePricedAtTheirOwnRows() {
    PriceTable t = PriceTable.defaults();
    Usage million = new Usage(1_000_000, 1_000_000, 0, 1_000_000);
    // input + output + cached read, per million
    assertThat(t.cost(ModelId.parse("openai:gpt-5"), million)).isCloseTo(11.375, within(1e-9));
    assertThat(t.cost(ModelId.parse("openai:gpt-5.1"), million)).isCloseTo(11.375, within(1e-9));
    assertThat(t.cost(ModelId.parse("openai:gpt-5-mini"), million)).isCloseTo(2.275, within(1e-9));
    assertThat(t.cost(ModelId.parse("openai:gpt-5-nano"), million)).isCloseTo(0.455, within(1e-9));
    // the longest prefix wins: Opus 4.5 is not priced as Opus 4.1
    assertThat(t.cost(ModelId.parse("anthropic:claude-opus-4-1"), Usage.of(1_000_000, 0)))
        .isEqualTo(15.0);
    assertThat(t.cost(ModelId.parse("anthropic:claude-opus-4-5"), Usage.of(1_000_000, 0)))
        .isEqualTo(5.0);
    assertThat(PriceTable.defaultsTakenOn()).isEqualTo(java.time.LocalDate.of(2026, 12, 7));
  }
}
