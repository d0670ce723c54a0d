package io.chorus.common.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The shared mappers are configured as their Javadoc says, and safe to share between threads. */
class JsonTest {

  record Summary(String batchId, Integer cacheHits, String note) {}

  record Small(String name) {}

  @Test
  void snakeCaseNamesAndLeavesNullsOut() {
    assertThat(Json.SNAKE_CASE.valueToTree(new Summary("b1", 3, null)).toString())
        .isEqualTo("{\"batch_id\":\"b1\",\"cache_hits\":3}");
  }

  @Test
  void prettyIndentsAndMapperIsCompact() {
    assertThat(Json.pretty(new Small("x"))).isEqualTo("{\n  \"name\" : \"x\"\n}");
    assertThat(Json.write(new Small("x"))).isEqualTo("{\"name\":\"x\"}");
  }

  @Test
  void unknownFieldsAreTolerated() throws Exception {
    assertThat(Json.MAPPER.readValue("{\"name\":\"x\",\"added_later\":1}", Small.class))
        .isEqualTo(new Small("x"));
  }

  @Test
  void answersAcceptAlmostJsonButOneValueOnly() throws Exception {
    assertThat(Json.ANSWERS.readTree("{'a': 1, /* c */ b: 2,}").get("b").asInt()).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Json.ANSWERS.readTree("{\"a\": 1} and more"))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }

  @Test
  void oneMapperServesManyVirtualThreads() throws Exception {
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> Json.MAPPER.readTree(Json.write(new Small("n" + n))).get("name").asText()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo("n" + i);
      }
    }
  }
}
