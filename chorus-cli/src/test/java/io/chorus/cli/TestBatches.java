package io.chorus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.common.internal.Json;
import java.util.ArrayList;
import java.util.List;

/** Inputs of test batches: {@code n} items with custom_id {@code <prefix><i>}, "question i". */
public final class TestBatches {

  private TestBatches() {}

  /** The batch as JSONL lines, one item per line. */
  public static String jsonl(String prefix, int n) {
    StringBuilder sb = new StringBuilder();
    for (BatchItem item : items(prefix, n)) {
      sb.append(item.content()).append('\n');
    }
    return sb.toString();
  }

  /** The batch as items for {@code SharedBatches.submit} (content the item's JSON). */
  public static List<BatchItem> items(String prefix, int n) {
    List<BatchItem> items = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ObjectNode o =
          Json.MAPPER
              .createObjectNode()
              .put("custom_id", prefix + i)
              .put("prompt", "question " + i);
      items.add(new BatchItem(i, prefix + i, o.toString(), o));
    }
    return items;
  }
}
