/**
 * The test kit for everything built on the Chorus engine: {@link io.chorus.testing.FakeClock}
 * (injected time and sleep that never really sleep), {@link io.chorus.testing.FakeProvider} (an
 * in-memory transport with scripted answers, failures and latencies that measures calls, peak
 * concurrency and interrupts) and {@link io.chorus.testing.EventRecorder} (a listener that records
 * events and checks their start/end pairing).
 *
 * {@snippet :
 * FakeClock clock = new FakeClock();
 * FakeProvider fake = FakeProvider.builder("fake").clock(clock)
 *     .onMessage("flaky", Reply.serverError(), Reply.text("second time lucky"))
 *     .build();
 * EventRecorder events = new EventRecorder();
 * try (Engine engine = Engine.builder().provider(fake).time(clock).sleeper(clock).seed(1).listener(events).build()) {
 *   Outcome<ChatResponse> o = engine.call(ChatRequest.of("fake:any-model", "flaky"));
 * }
 * events.assertPaired();
 * }
 *
 * <p>The engine's own functional tests (in this module's test sources) show every policy in use.
 */
@NullMarked
package io.chorus.testing;

import org.jspecify.annotations.NullMarked;
