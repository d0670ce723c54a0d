package io.chorus.langchain4j.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.StreamObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One call of a LangChain4j model for {@link io.chorus.langchain4j.LangChain4jProvider}: run on a
 * virtual thread of its own so that the engine's thread can stop waiting at the attempt timeout or
 * on cancellation, whether or not the LangChain4j client honours interrupts.
 */
public final class ModelCall {
  private ModelCall() {}

  /** A blocking call; {@code modelName} overrides the model's own name when not null. */
  public static ChatResponse chat(
      ChatModel model, ChatRequest request, @Nullable String modelName, CallContext context)
      throws InterruptedException {
    dev.langchain4j.model.chat.request.ChatRequest lc =
        Conversions.toLangChain4j(request, modelName);
    long start = System.nanoTime();
    CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> answer =
        new CompletableFuture<>();
    Thread worker =
        Thread.ofVirtual()
            .name("chorus-langchain4j-call")
            .start(
                () -> {
                  try {
                    answer.complete(model.chat(lc));
                  } catch (Throwable t) {
                    answer.completeExceptionally(t);
                  }
                });
    try {
      dev.langchain4j.model.chat.response.ChatResponse r =
          answer.get(context.attemptTimeout().toNanos(), TimeUnit.NANOSECONDS);
      return toChorus(r, request.model(), Duration.ofNanos(System.nanoTime() - start), null);
    } catch (java.util.concurrent.TimeoutException e) {
      worker.interrupt();
      throw timeout(context.attemptTimeout(), ProviderError.Phase.ATTEMPT);
    } catch (InterruptedException e) {
      worker.interrupt();
      throw e;
    } catch (ExecutionException e) {
      throw Errors.toChorus(e.getCause());
    }
  }

  /** A streaming call: deltas reach {@code observer} on the calling thread, in order. */
  public static ChatResponse stream(
      StreamingChatModel model,
      ChatRequest request,
      @Nullable String modelName,
      CallContext context,
      StreamObserver observer)
      throws InterruptedException {
    dev.langchain4j.model.chat.request.ChatRequest lc =
        Conversions.toLangChain4j(request, modelName);
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    long start = System.nanoTime();
    long deadline = start + context.attemptTimeout().toNanos();
    model.chat(
        lc,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            events.add(new Delta(partial));
          }

          @Override
          public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse r) {
            events.add(new Done(r));
          }

          @Override
          public void onError(Throwable error) {
            events.add(new Failed(error));
          }
        });
    Duration firstToken = null;
    while (true) {
      long now = System.nanoTime();
      long wait = deadline - now;
      ProviderError.Phase phase = ProviderError.Phase.ATTEMPT;
      Duration limit = context.attemptTimeout();
      Duration phaseLimit =
          firstToken == null ? context.firstTokenTimeout() : context.idleTimeout();
      if (phaseLimit != null && phaseLimit.toNanos() < wait) {
        wait = phaseLimit.toNanos();
        phase = firstToken == null ? ProviderError.Phase.FIRST_TOKEN : ProviderError.Phase.IDLE;
        limit = phaseLimit;
      }
      Object event = wait <= 0 ? null : events.poll(wait, TimeUnit.NANOSECONDS);
      switch (event) {
        case null -> throw timeout(limit, phase);
        case Delta d -> {
          if (firstToken == null) {
            firstToken = Duration.ofNanos(System.nanoTime() - start);
          }
          observer.onText(d.text());
        }
        case Done d -> {
          return toChorus(
              d.response(),
              request.model(),
              Duration.ofNanos(System.nanoTime() - start),
              firstToken);
        }
        case Failed f -> throw Errors.toChorus(f.error());
        default -> throw new IllegalStateException("unexpected event " + event);
      }
    }
  }

  private record Delta(String text) {}

  private record Done(dev.langchain4j.model.chat.response.ChatResponse response) {}

  private record Failed(Throwable error) {}

  private static ProviderException timeout(Duration limit, ProviderError.Phase phase) {
    return new ProviderException(
        new ProviderError.Timeout(
            "no answer from the LangChain4j model within " + limit + " (" + phase + ")", 0, phase));
  }

  private static ChatResponse toChorus(
      dev.langchain4j.model.chat.response.ChatResponse r,
      ModelId requested,
      Duration latency,
      @Nullable Duration firstToken) {
    String text = r.aiMessage().text() == null ? "" : r.aiMessage().text();
    return new ChatResponse(
        text,
        Conversions.stopReason(r.finishReason()),
        Conversions.usage(r.tokenUsage()),
        requested,
        r.id(),
        latency,
        firstToken,
        null,
        r.aiMessage().thinking(),
        false,
        Conversions.toolCalls(r.aiMessage()));
  }
}
