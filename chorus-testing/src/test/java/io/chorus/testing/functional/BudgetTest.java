package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Budget;
import io.chorus.core.BudgetStatus;
import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Usage;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Budgets, through the public API only: a run stops admitting calls before it overspends. */
class BudgetTest {
  static final Price PRICE = Price.of(3, 15); // USD per million tokens, Sonnet's list price
  static final PriceTable PRICES = PriceTable.empty().with("fake:*", PRICE);
  static final int MAX_TOKENS = 500;

  static List<ChatRequest> requests(int n) {
    List<ChatRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          ChatRequest.builder("fake:m")
              .user("q" + i + " " + "x".repeat(4000))
              .maxTokens(MAX_TOKENS)
              .build());
    }
    return out;
  }

  static double worstCase(ChatRequest r) {
    return PRICE.cost(Usage.of(r.estimatedInputTokens(), r.maxTokens()));
  }

  /** A provider whose usage is random, never above the request's prompt estimate and max tokens. */
  static FakeProvider randomUsage(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ReentrantLock lock = new ReentrantLock();
    return FakeProvider.builder("fake")
        .randomLatency(Duration.ZERO, Duration.ofMillis(3), seed)
        .responder(
            (req, n) -> {
              lock.lock();
              try {
                long in =
                    req.estimatedInputTokens() / 2
                        + random.nextLong(req.estimatedInputTokens() / 2 + 1);
                long out = random.nextLong(req.maxTokens() + 1);
                return Reply.text("answer " + n).withUsage(Usage.of(in, out));
              } finally {
                lock.unlock();
              }
            })
        .build();
  }

  @RepeatedTest(3)
  void aFanOutOfAThousandCallsNeverSpendsMoreThanItsBudgetPlusOneCallsWorstCase() {
    double budget = 4.0;
    List<ChatRequest> reqs = requests(1000);
    double worst = worstCase(reqs.get(0));
    FakeProvider fake = randomUsage(System.nanoTime());
    EventRecorder events = new EventRecorder();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .prices(PRICES)
            .limits("fake", Limits.concurrency(64))
            .listener(events)
            .budget(Budget.builder().maxCostUsd(budget).build())
            .seed(3)
            .build()) {
      RunResult<ChatResponse> r = e.callAll(Call.all(reqs), RunOptions.of(FailurePolicy.FAIL_FAST));
      double spent = r.costUsd();
      long refused = r.outcomes().stream().filter(Budget::refused).count();
      assertThat(spent).as("spent (real usage)").isLessThanOrEqualTo(budget + worst);
      assertThat(spent)
          .as("the budget is used, not abandoned early")
          .isGreaterThan(budget - 2 * worst);
      assertThat(refused).as("calls not run").isPositive();
      assertThat(r.successes().size() + refused)
          .as("every call either ran or was refused")
          .isEqualTo(1000);
      assertThat(fake.calls()).isEqualTo(r.successes().size());
      BudgetStatus status = e.budgetStatus();
      assertThat(status.exhausted()).isTrue();
      assertThat(status.refusedCalls()).isEqualTo(refused);
      assertThat(status.reservedUsd()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(status.spentUsd()).isCloseTo(spent, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(r.failed()).as("fail-fast does not treat the budget as a failure").isFalse();
      Outcome<ChatResponse> notRun =
          r.outcomes().stream().filter(Budget::refused).findFirst().orElseThrow();
      assertThat(notRun.errorKind()).isEqualTo("budget");
      assertThat(notRun.errorMessage()).startsWith("not run: budget of $4.00 reached");
      assertThat(e.deadLetters()).as("refused calls are not dead letters").isEmpty();
    }
    events.assertPaired();
  }

  @Test
  void aCallWhoseWorstCaseExceedsTheWholeBudgetIsNotRun() {
    FakeProvider fake = FakeProvider.echo("fake");
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .prices(PRICES)
            .budget(Budget.builder().maxCostUsd(0.001).build())
            .build()) {
      Outcome<ChatResponse> o = e.call(requests(1).get(0));
      assertThat(Budget.refused(o)).isTrue();
      assertThat(fake.calls()).isZero();
    }
  }

  @Test
  void retriesAreReservedAndChargedToo() {
    // each failed attempt is charged its prompt: a budget for 2 prompts + 1 answer admits exactly 3
    // attempts
    ChatRequest req = requests(1).get(0);
    double prompt = PRICE.cost(Usage.of(req.estimatedInputTokens(), 0));
    FakeProvider fake =
        FakeProvider.builder("fake")
            .script(
                Reply.serverError(),
                Reply.serverError(),
                Reply.serverError(),
                Reply.text("ok").withUsage(Usage.of(req.estimatedInputTokens(), 10)))
            .build();
    RetryPolicy retry =
        RetryPolicy.builder()
            .maxRetries(5)
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(1))
            .build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .prices(PRICES)
            .retry(retry)
            .budget(Budget.builder().maxCostUsd(2 * prompt + worstCase(req)).build())
            .build()) {
      Outcome<ChatResponse> o = e.call(req);
      assertThat(fake.calls()).isEqualTo(3);
      assertThat(Budget.refused(o)).isTrue();
      assertThat(e.budgetStatus().spentUsd())
          .isCloseTo(3 * prompt, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void aSuccessWithoutReportedUsageIsChargedItsWorstCase() {
    FakeProvider fake =
        FakeProvider.builder("fake").script(Reply.text("ok").withUsage(Usage.ZERO)).build();
    ChatRequest req = requests(1).get(0);
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .prices(PRICES)
            .budget(Budget.builder().maxCostUsd(1).build())
            .build()) {
      assertThat(e.call(req).isSuccess()).isTrue();
      assertThat(e.budgetStatus().unreportedUsage()).isEqualTo(1);
      assertThat(e.budgetStatus().spentUsd())
          .isCloseTo(worstCase(req), org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void aRateLimitedAttemptCostsNothing() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .script(
                Reply.rateLimited(Duration.ofMillis(1)),
                Reply.text("ok").withUsage(Usage.of(10, 10)))
            .build();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .prices(PRICES)
            .budget(Budget.builder().maxCostUsd(1).build())
            .build()) {
      assertThat(e.call(requests(1).get(0)).isSuccess()).isTrue();
      assertThat(e.budgetStatus().spentUsd())
          .isCloseTo(PRICE.cost(Usage.of(10, 10)), org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void unpricedModelsAreNamed() {
    FakeProvider fake = FakeProvider.echo("fake");
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .prices(PriceTable.empty())
            .budget(Budget.builder().maxCostUsd(1).build())
            .build()) {
      assertThat(e.call(ChatRequest.of("fake:m", "hi")).isSuccess()).isTrue();
      assertThat(e.budgetStatus().unpricedModels())
          .extracting(Object::toString)
          .containsExactly("fake:m");
    }
  }

  @Test
  void noBudgetIsTheDefault() {
    try (Engine e = Engine.builder().provider(FakeProvider.echo("fake")).build()) {
      assertThat(e.budgetStatus().budget().limited()).isFalse();
      assertThat(e.budgetStatus().exhausted()).isFalse();
    }
  }

  @Test
  void theBudgetMustBePositive() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Budget.builder().maxCostUsd(0).build())
        .hasMessage("budget.maxCostUsd must be positive, was 0.0");
  }

  @Test
  void invalidRequestAttemptChargedItsPrompt() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .script(Reply.error(new ProviderError.InvalidRequest("bad", 400)))
            .build();
    ChatRequest req = requests(1).get(0);
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .prices(PRICES)
            .budget(Budget.builder().maxCostUsd(1).build())
            .build()) {
      assertThat(e.call(req).isSuccess()).isFalse();
      assertThat(e.budgetStatus().spentUsd())
          .isCloseTo(
              PRICE.cost(Usage.of(req.estimatedInputTokens(), 0)),
              org.assertj.core.data.Offset.offset(1e-12));
    }
  }
}
