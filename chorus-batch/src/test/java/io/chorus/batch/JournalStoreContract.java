package io.chorus.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The {@link JournalStore} contract, for every implementation: a store's test extends this and says
 * how to open a fresh store ({@link #open}) and the same store again ({@link #reopen}, what a
 * resumed process sees). The module publishes its tests as a test-jar so that other stores
 * (PostgreSQL) run the same checks.
 */
public abstract class JournalStoreContract {

  /** A new, empty store. */
  protected abstract JournalStore open() throws Exception;

  /** The store that {@link #open} returned, opened again after {@code closed} was closed. */
  protected abstract JournalStore reopen(JournalStore closed) throws Exception;

  static final ModelId MODEL = ModelId.parse("fake:m");

  static ItemRecord item(String id, String content, ItemStatus status) {
    return new ItemRecord(0, 1, id, content, status, "{\"custom_id\":\"" + id + "\"}");
  }

  static List<ItemRecord> items(JournalStore s, String batch, long after) {
    List<ItemRecord> out = new ArrayList<>();
    s.forEachItem(batch, after, out::add);
    return out;
  }

  @Test
  void itemsAreKeyedByIdReplacedWithAHigherSeqAndStreamedInSeqOrder() throws Exception {
    JournalStore s = open();
    try {
      s.openBatch("b", "in", "wf");
      long a = s.finishItem("b", item("a", "c1", ItemStatus.SUCCEEDED));
      long b = s.finishItem("b", item("b", "c1", ItemStatus.FAILED));
      long a2 = s.finishItem("b", item("a", "c2", ItemStatus.SUCCEEDED));
      assertThat(b).isGreaterThan(a);
      assertThat(a2).isGreaterThan(b);
      assertThat(items(s, "b", 0)).extracting(ItemRecord::customId).containsExactly("b", "a");
      assertThat(items(s, "b", b)).extracting(ItemRecord::seq).containsExactly(a2);
      assertThat(s.item("b", "a")).get().extracting(ItemRecord::content).isEqualTo("c2");
      assertThat(s.item("other", "a")).isEmpty();
      // more than a page
      for (int i = 0; i < 2500; i++) {
        s.finishItem("b", item("x" + i, "c", ItemStatus.SUCCEEDED));
      }
      List<ItemRecord> all = items(s, "b", 0);
      assertThat(all).hasSize(2502);
      assertThat(all).extracting(ItemRecord::seq).isSorted();
      s.forgetItem("b", "x7");
      assertThat(s.item("b", "x7")).isEmpty();
      assertThat(s.forgetFailed("b")).isEqualTo(1);
      assertThat(s.item("b", "b")).isEmpty();
      s = reopen(s);
      assertThat(s.openBatch("b", "in", "wf").finishedItems()).isEqualTo(2500);
    } finally {
      s.close();
    }
  }

  @Test
  void theInputRecordIsReplacedWholeAndStreamedInOrder() throws Exception {
    try (JournalStore s = open()) {
      s.openBatch("b", "in", "wf");
      s.replaceInput("b", List.of(new ItemKey("z", "1"), new ItemKey("a", "2")).iterator());
      List<ItemKey> got = new ArrayList<>();
      s.forEachInput("b", got::add);
      assertThat(got).containsExactly(new ItemKey("z", "1"), new ItemKey("a", "2"));
      s.replaceInput(
          "b", IntStream.range(0, 2300).mapToObj(i -> new ItemKey("k" + i, "c")).iterator());
      got.clear();
      s.forEachInput("b", got::add);
      assertThat(got).hasSize(2300).first().isEqualTo(new ItemKey("k0", "c"));
      assertThat(got.get(2299)).isEqualTo(new ItemKey("k2299", "c"));
      List<ItemKey> none = new ArrayList<>();
      s.forEachInput("other", none::add);
      assertThat(none).isEmpty();
    }
  }

  @Test
  void theOutputCheckpointIsKeptAndResetForgetsItemsAndCheckpoint() throws Exception {
    JournalStore s = open();
    try {
      assertThat(s.openBatch("b", "in", "wf").existed()).isFalse();
      long seq = s.finishItem("b", item("a", "c", ItemStatus.SUCCEEDED));
      s.checkpointOutput("b", seq, 123);
      s = reopen(s);
      BatchState st = s.openBatch("b", "in", "wf");
      assertThat(st.existed()).isTrue();
      assertThat(st.outputSeq()).isEqualTo(seq);
      assertThat(st.outputBytes()).isEqualTo(123);
      s.completeBatch("b");
      assertThat(s.openBatch("b", "in", "wf").completed()).isTrue();
      s.resetBatch("b");
      st = s.openBatch("b", "in", "wf");
      assertThat(st.finishedItems()).isZero();
      assertThat(st.completed()).isFalse();
      assertThat(st.outputSeq()).isZero();
      assertThat(st.outputBytes()).isZero();
    } finally {
      s.close();
    }
  }

  @Test
  void responsesAreKeptPerIdentityAndOptionallyPerBatch() throws Exception {
    ChatResponse r =
        new ChatResponse(
            "hi",
            StopReason.END_TURN,
            Usage.of(1, 2),
            MODEL,
            "req_1",
            Duration.ofMillis(5),
            Duration.ofMillis(2),
            null,
            null,
            true);
    String id = ChatRequest.of("fake:m", "x").identity();
    JournalStore s = open();
    try {
      s.putResponse(id, "b", r);
      s = reopen(s);
      assertThat(s.response(id, null)).get().extracting(ChatResponse::text).isEqualTo("hi");
      assertThat(s.response(id, "b")).isPresent();
      assertThat(s.response(id, "other")).isEmpty();
      assertThat(s.responseCount()).isEqualTo(1);
    } finally {
      s.close();
    }
  }

  @Test
  void oneLeaseHolderPerBatch() throws Exception {
    try (JournalStore s = open()) {
      s.openBatch("b", "in", "wf");
      BatchLease first = s.lease("b", "pid 1, started then", Duration.ofMinutes(1));
      assertThatThrownBy(() -> s.lease("b", "pid 2, started now", Duration.ofMinutes(1)))
          .isInstanceOf(JournalLockedException.class)
          .hasMessageContaining("pid 1, started then");
      try (BatchLease other = s.lease("c", "pid 2, started now", Duration.ofMinutes(1))) {
        other.renew();
      }
      first.renew();
      first.close();
      first.close();
      try (BatchLease again = s.lease("b", "pid 2, started now", Duration.ofMinutes(1))) {
        assertThat(again).isNotNull();
      }
    }
  }
}
