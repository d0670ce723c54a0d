package io.chorus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ChatRequest;
import io.chorus.core.SharedPrefix;
import io.chorus.core.TimeSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrefixGateTest {
  static final ChatRequest SHARED =
      ChatRequest.builder("anthropic:m").user("doc").sharedPrefix(new SharedPrefix(3, "k")).build();

  @Test
  void followersWaitForTheLeadersResponseAndAFailedLeaderHandsTheLeadToOneOfThem()
      throws Exception {
    PrefixGate gate = new PrefixGate(TimeSource.system());
    PrefixGate.Ticket leader = gate.enter(SHARED, () -> {});
    assertThat(leader.leader()).isTrue();
    CompletableFuture<PrefixGate.Ticket> a = CompletableFuture.supplyAsync(() -> enter(gate));
    CompletableFuture<PrefixGate.Ticket> b = CompletableFuture.supplyAsync(() -> enter(gate));
    Thread.sleep(100);
    assertThat(a).isNotDone();
    assertThat(b).isNotDone();
    leader.done(); // failed before its response began: one of the followers leads now
    PrefixGate.Ticket next =
        CompletableFuture.anyOf(a, b)
            .thenApply(PrefixGate.Ticket.class::cast)
            .get(5, TimeUnit.SECONDS);
    assertThat(next.leader()).isTrue();
    next.begun();
    assertThat(a.get(5, TimeUnit.SECONDS).leader() ^ b.get(5, TimeUnit.SECONDS).leader()).isTrue();
    assertThat(gate.enter(SHARED, () -> {}).leader()).isFalse(); // warm: goes at once
    assertThat(gate.enter(ChatRequest.builder("anthropic:m").user("doc").build(), () -> {}))
        .isNull();
  }

  static PrefixGate.Ticket enter(PrefixGate gate) {
    try {
      return gate.enter(SHARED, () -> {});
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
