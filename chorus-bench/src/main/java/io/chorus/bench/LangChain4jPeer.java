package io.chorus.bench;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * LangChain4j's OpenAI chat model (blocking, or its streaming model bridged to a future), driven by
 * a virtual-thread executor with a semaphore, with LangChain4j's own defaults otherwise (its
 * retries included). Run as its own process by {@link PeerBench}.
 */
public final class LangChain4jPeer {
  private LangChain4jPeer() {}

  public static void main(String[] argv) throws Exception {
    ClientArgs args = ClientArgs.parse(argv);
    String base = args.base() + "/v1";
    Workload.Call call;
    if (args.stream()) {
      OpenAiStreamingChatModel model =
          OpenAiStreamingChatModel.builder()
              .baseUrl(base)
              .apiKey("sk-bench")
              .modelName(args.model())
              .maxTokens(args.maxTokens())
              .timeout(Duration.ofMinutes(5))
              .build();
      call =
          i -> {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            model.chat(
                args.promptFor(i),
                new StreamingChatResponseHandler() {
                  @Override
                  public void onPartialResponse(String partial) {}

                  @Override
                  public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                  }

                  @Override
                  public void onError(Throwable error) {
                    done.completeExceptionally(error);
                  }
                });
            try {
              done.get();
            } catch (ExecutionException e) {
              throw e.getCause() instanceof Exception ex ? ex : e;
            }
          };
    } else {
      OpenAiChatModel model =
          OpenAiChatModel.builder()
              .baseUrl(base)
              .apiKey("sk-bench")
              .modelName(args.model())
              .maxTokens(args.maxTokens())
              .timeout(Duration.ofMinutes(5))
              .build();
      call = i -> model.chat(args.promptFor(i));
    }
    if (Workload.limited() && args.rpm() > 0) {
      // Resilience4j's RateLimiter at the published limit, taken literally: rpm permits a minute
      io.github.resilience4j.ratelimiter.RateLimiter limiter =
          io.github.resilience4j.ratelimiter.RateLimiter.of(
              "sim",
              io.github.resilience4j.ratelimiter.RateLimiterConfig.custom()
                  .limitForPeriod((int) args.rpm())
                  .limitRefreshPeriod(Duration.ofMinutes(1))
                  .timeoutDuration(Duration.ofSeconds(args.maxSeconds()))
                  .build());
      Workload.Call unlimited = call;
      call =
          i -> {
            limiter.acquirePermission();
            unlimited.call(i);
          };
    }
    ClientResult r = Workload.run("langchain4j", args, call, t -> t.getClass().getSimpleName());
    Workload.report(r);
  }
}
