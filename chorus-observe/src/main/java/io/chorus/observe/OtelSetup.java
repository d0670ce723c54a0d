package io.chorus.observe;

import io.chorus.core.TimeSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK for one command when {@code --otel} is given (off by default): spans from
 * {@link GenAiSpans} go to {@code exporter}; the CLI uses the SDK's logging exporter, which prints
 * each span to stderr (java.util.logging). {@link #close()} flushes and shuts the SDK down.
 */
public final class OtelSetup implements AutoCloseable {

  private final SdkTracerProvider provider;
  private final GenAiSpans listener;

  public OtelSetup(SpanExporter exporter, TimeSource time) {
    this.provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), "chorus"))))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    this.listener = new GenAiSpans(provider.get("io.chorus.cli"), time);
  }

  /** Spans printed to stderr by the SDK's logging exporter. */
  public static OtelSetup toLog(TimeSource time) {
    return new OtelSetup(LoggingSpanExporter.create(), time);
  }

  public GenAiSpans listener() {
    return listener;
  }

  @Override
  public void close() {
    provider.forceFlush().join(5, TimeUnit.SECONDS);
    provider.shutdown().join(5, TimeUnit.SECONDS);
  }
}
