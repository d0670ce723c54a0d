package io.chorus.common.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyAndCellsTest {

  @Test
  void dollarsOneRule() {
    assertThat(Money.usd(0)).isEqualTo("$0.00");
    assertThat(Money.usd(4)).isEqualTo("$4.00");
    assertThat(Money.usd(12.345)).isEqualTo("$12.35");
    assertThat(Money.usd(0.03)).isEqualTo("$0.0300");
    assertThat(Money.usd(0.0125)).isEqualTo("$0.0125");
    assertThat(Money.usd(0.0001)).isEqualTo("$0.0001");
    assertThat(Money.usd(0.0000123)).isEqualTo("$0.000012");
    assertThat(Money.usd(0.0000001)).isEqualTo("$0.0000001");
  }

  @Test
  void cellsStayOnOneLineWithPipesEscaped() {
    assertThat(MarkdownTable.cell("a | b\r\nc\n")).isEqualTo("a \\| b  c");
    assertThat(MarkdownTable.cell(null)).isEmpty();
    assertThat(MarkdownTable.cell("abcdef", 4)).isEqualTo("abc…");
    assertThat(MarkdownTable.cell("abcd", 4)).isEqualTo("abcd");
  }
}
