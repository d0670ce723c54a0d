package io.chorus.testing.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.ResponseCache;
import io.chorus.core.RunOptions;
import io.chorus.testing.FakeProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "Paid twice exceeds the bound: at concurrency 64, kills re-paid 167 and 326 calls where the bound
 * is the calls in flight — answered responses were waiting for the journal." The engine released a
 * call's concurrency permit before storing its response in the cache, so with a slow store (the
 * batch journal) more answered-but-unstored responses piled up than there were slots. A response is
 * now stored while its call still holds its permit.
 */
class ResponseStoredBeforeItsSlotAdmitsTheNextCallTest {

  @Test
  void aSlowCachePutHoldsTheSlot() throws Exception {
    CountDownLatch putEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ResponseCache slow =
        new ResponseCache() {
          @Override
          public Optional<ChatResponse> get(String identity) {
            return Optional.empty();
          }

          @Override
          public void put(String identity, ChatResponse response) {
            putEntered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    FakeProvider fake = FakeProvider.echo("fake");
    try (Engine e =
        Engine.builder().provider(fake).cache(slow).limits("fake", Limits.concurrency(1)).build()) {
      Thread run =
          Thread.ofVirtual()
              .start(
                  () ->
                      e.callAll(
                          Call.all(
                              List.of(
                                  ChatRequest.of("fake:m", "one"),
                                  ChatRequest.of("fake:m", "two"))),
                          RunOptions.DEFAULT));
      assertThat(putEntered.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(fake.awaitCalls(2, Duration.ofMillis(300)))
          .as("a second call was admitted while the first one's response was not stored yet")
          .isFalse();
      release.countDown();
      run.join();
      assertThat(fake.calls()).isEqualTo(2);
    }
  }
}
