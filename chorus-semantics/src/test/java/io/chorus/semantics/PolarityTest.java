package io.chorus.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolarityTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Async programming improves I/O throughput | Async programming does not improve I/O throughput | negation
          Caching reduces database load | Caching increases database load | antonyms
          Async code is faster than threads | Async code is slower than threads | antonyms
          You should always validate inputs | You should never validate inputs | negation
          The migration is safe | I disagree that the migration is safe | negation
          The new release is stable | The new release is unstable | antonyms
          Python threads can run bytecode in parallel | Python threads cannot run bytecode in parallel | negation
          Yes | No | negation
          Microservices make deployment easier | Microservices make deployment harder | antonyms
          """)
  void contradictions(String a, String b, String rule) {
    assertThat(Polarity.contradiction(a, b))
        .hasValueSatisfying(r -> assertThat(r).startsWith(rule));
    assertThat(Polarity.contradiction(b, a)).isPresent();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Async programming improves I/O throughput | Asynchronous code makes I/O faster
          Caching does not increase database load | Caching decreases database load
          Async reduces latency | Async increases throughput
          Async allows non-blocking I/O | Async prevents blocking on I/O
          The migration is not risky | The migration is not dangerous
          Async is not a silver bullet for CPU-bound work | Async helps with network-bound work
          Paris | The capital is Paris
          """)
  void notContradictions(String a, String b) {
    assertThat(Polarity.contradiction(a, b)).isEmpty();
  }
}
