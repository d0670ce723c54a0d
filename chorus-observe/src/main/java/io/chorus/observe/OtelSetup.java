package io.chorus.observe;

import io.chorus.core.TimeSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry SDK for one command or one program, off unless asked for: spans from {@link
 * GenAiSpans} go to an exporter, either the SDK's logging exporter ({@link #toLog}, {@code --otel}:
 * each span printed to stderr) or OTLP/HTTP ({@link #otlp}, {@code --otel-endpoint}, {@code
 * otel.endpoint} in chorus.yaml, the {@code OTEL_EXPORTER_OTLP_*} variables).
 *
 * {@snippet :
 * try (OtelSetup otel = OtelSetup.otlp(OtlpTarget.of("http://127.0.0.1:4318", Map.of()), TimeSource.system())) {
 *   Engine engine = Engine.builder().listener(otel.listener()) ... .build();
 *   otel.startRun("nightly-moderation");
 *   voting.run(engine);
 * } // close(): the run span ends, every span is flushed to the collector
 * }
 *
 * <p>{@link #close()} ends the run span, flushes and shuts the SDK down (at most 5 seconds each: an
 * unreachable collector never holds a command up for longer; its failure is logged by the SDK on
 * java.util.logging, without the header values).
 */
public final class OtelSetup implements AutoCloseable {

  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(5);

  private final SdkTracerProvider provider;
  private final GenAiSpans listener;

  /** Every span exported as it ends (for tests and the logging exporter). */
  public OtelSetup(SpanExporter exporter, TimeSource time) {
    this(SimpleSpanProcessor.create(exporter), time);
  }

  private OtelSetup(SpanProcessor processor, TimeSource time) {
    this.provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), "chorus"))))
            .addSpanProcessor(processor)
            .build();
    this.listener = new GenAiSpans(provider.get("io.chorus"), time);
  }

  /** Spans printed to stderr by the SDK's logging exporter. */
  public static OtelSetup toLog(TimeSource time) {
    return new OtelSetup(LoggingSpanExporter.create(), time);
  }

  /**
   * Spans exported over OTLP/HTTP (protobuf) to {@code target}, in batches on the SDK's own thread
   * (a call's thread never waits on the collector), sent by the JDK's HttpClient.
   */
  public static OtelSetup otlp(OtlpTarget target, TimeSource time) {
    OtlpHttpSpanExporterBuilder b =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(target.endpoint().toString())
            .setTimeout(EXPORT_TIMEOUT);
    target.headers().forEach(b::addHeader);
    return new OtelSetup(BatchSpanProcessor.builder(b.build()).build(), time);
  }

  /** The listener to hang on the engine. */
  public GenAiSpans listener() {
    return listener;
  }

  /**
   * Opens the {@code chorus.run NAME} span the engine runs that follow are patterns of ({@link
   * GenAiSpans#startRun}); it ends on {@link #close()} or {@link #endRun}.
   */
  public OtelSetup startRun(String name) {
    return startRun(name, Map.of());
  }

  /** {@link #startRun(String)} with attributes on the run span. */
  public OtelSetup startRun(String name, Map<String, String> attributes) {
    listener.startRun(name, attributes);
    return this;
  }

  /** Ends the run span, with {@code failure} (or null when it went well) as its status. */
  public void endRun(@Nullable String failure) {
    listener.endRun(failure);
  }

  @Override
  public void close() {
    listener.endRun(null);
    provider.forceFlush().join(EXPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    provider.shutdown().join(EXPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
