package io.chorus.providers;

import io.chorus.core.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider's batch API, at half the price of calls and within the provider's 24-hour window:
 * Anthropic Message Batches ({@code /v1/messages/batches}) or the OpenAI Batch API (a JSONL file
 * uploaded to {@code /v1/files}, then {@code /v1/batches}, answers in its output and error files).
 * Requests are encoded exactly as the provider's calls encode them, over the provider's own key and
 * transport.
 *
 * <p>Thread-safe. Every method makes one or a few HTTP requests and throws {@link
 * io.chorus.core.ProviderException} (classified as a call's failures are) when the provider refuses
 * or cannot be reached.
 *
 * {@snippet :
 * BatchApi api = BatchApi.of(anthropicProvider).orElseThrow();
 * BatchStatus s = api.create(List.of(new BatchRequest("q1", ChatRequest.of("anthropic:claude-haiku-4-5", "hi"))));
 * while (!s.ended()) { Thread.sleep(60_000); s = api.retrieve(s.id()); }
 * api.results(s.id(), r -> System.out.println(r.customId() + " " + r.succeeded()));
 * }
 */
public interface BatchApi {

  /**
   * The batch API of {@code provider}: an {@link AnthropicProvider}'s Message Batches, or the
   * OpenAI Batch API of an {@link OpenAiCompatibleProvider} named {@code openai} or {@code sim} (or
   * answering from the simulator); empty for any other provider (xAI, local servers), whose calls
   * go one by one.
   */
  static Optional<BatchApi> of(Provider provider) {
    if (provider instanceof AnthropicProvider a) {
      return Optional.of(new AnthropicBatches(a));
    }
    if (provider instanceof OpenAiCompatibleProvider o
        && (o.name().equals("openai") || o.name().equals("sim") || o.synthetic())
        && !o.name().equals("xai")) {
      return Optional.of(new OpenAiBatches(o));
    }
    return Optional.empty();
  }

  /** The provider's name in model ids. */
  String provider();

  /** How much one batch may hold. */
  BatchLimits limits();

  /** The bytes {@code request} takes in a batch, for splitting. */
  long size(BatchRequest request);

  /**
   * Submits {@code requests} as one batch.
   *
   * @throws IllegalArgumentException when they exceed {@link #limits()} ({@link #split} first) or
   *     repeat a custom id
   */
  BatchStatus create(List<BatchRequest> requests) throws InterruptedException;

  /** The batch's status now. */
  BatchStatus retrieve(String batchId) throws InterruptedException;

  /**
   * Reads an ended batch's results, streamed, one call of {@code each} per request (in the
   * provider's order, which need not be the submitted one: match them by {@link
   * BatchResult#customId}).
   */
  void results(String batchId, Consumer<BatchResult> each) throws InterruptedException;

  /**
   * Asks the provider to cancel the batch: requests not yet processed end canceled; those done keep
   * their results (and are paid).
   */
  BatchStatus cancel(String batchId) throws InterruptedException;

  /** {@code requests} in order, cut into groups that each fit {@link #limits()}. */
  default List<List<BatchRequest>> split(List<BatchRequest> requests) {
    List<List<BatchRequest>> out = new ArrayList<>();
    List<BatchRequest> current = new ArrayList<>();
    long bytes = 0;
    for (BatchRequest r : requests) {
      long size = size(r);
      if (!current.isEmpty()
          && (current.size() >= limits().maxRequests() || bytes + size > limits().maxBytes())) {
        out.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(r);
      bytes += size;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
