package io.chorus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.batch.BatchLease;
import io.chorus.batch.ItemRecord;
import io.chorus.batch.ItemStatus;
import io.chorus.batch.JournalLockedException;
import io.chorus.batch.JournalStore;
import io.chorus.batch.JournalStoreContract;
import io.chorus.batch.JournalStores;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL journal against the same {@link JournalStoreContract} as the SQLite one, on a real
 * server; and what only a shared store does: two processes' stores see each other's writes, and a
 * lease excludes across them.
 */
class PostgresJournalStoreTest extends JournalStoreContract {

  private String url;

  @BeforeEach
  void freshDatabase() {
    url = TestPostgres.freshDatabase();
  }

  @Override
  protected JournalStore open() {
    return JournalStores.open(url, Path.of("."));
  }

  @Override
  protected JournalStore reopen(JournalStore closed) {
    closed.close();
    return open();
  }

  private static ChatResponse response(String text) {
    return new ChatResponse(
        text,
        StopReason.END_TURN,
        Usage.of(1, 2),
        ModelId.parse("sim:fast"),
        "req_1",
        Duration.ofMillis(5),
        Duration.ofMillis(2),
        null,
        null,
        true);
  }

  @Test
  void twoStoresOnOneServerShareResponsesItemsAndLeases() throws Exception {
    try (JournalStore a = open();
        JournalStore b = open()) {
      a.openBatch("shared", "in.jsonl", "call sim:fast");
      a.putResponse("req", "shared", response("paid once"));
      assertThat(b.response("req", null))
          .get()
          .extracting(ChatResponse::text)
          .isEqualTo("paid once");
      b.finishItem("shared", new ItemRecord(0, 7, "x", "c", ItemStatus.SUCCEEDED, "{}"));
      List<ItemRecord> seen = new ArrayList<>();
      a.forEachItem("shared", 0, seen::add);
      assertThat(seen).extracting(ItemRecord::customId).containsExactly("x");
      try (BatchLease held = a.lease("shared", "worker-a", Duration.ofMinutes(1))) {
        assertThatThrownBy(() -> b.lease("shared", "worker-b", Duration.ofMinutes(1)))
            .isInstanceOf(JournalLockedException.class)
            .hasMessageContaining("worker-a");
        held.renew();
      }
    }
  }

  @Test
  void anExpiredLeaseIsTakenOverAndItsHolderLearnsItLostIt() throws Exception {
    try (JournalStore a = open();
        JournalStore b = open()) {
      a.openBatch("b", "in", "wf");
      BatchLease dead = a.lease("b", "killed worker", Duration.ofMillis(1));
      Thread.sleep(20); // the server's clock decides expiry; 1 ms is long gone after 20
      try (BatchLease taken = b.lease("b", "new worker", Duration.ofMinutes(1))) {
        assertThatThrownBy(dead::renew)
            .isInstanceOf(JournalLockedException.class)
            .hasMessageContaining("was lost");
        dead.close(); // must not release the new holder's lease
        assertThatThrownBy(() -> a.lease("b", "third", Duration.ofMinutes(1)))
            .isInstanceOf(JournalLockedException.class);
        taken.renew();
      }
    }
  }
}
