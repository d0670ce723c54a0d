package io.chorus.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Configures logback for one {@code chorus} invocation: silent by default; {@code --verbose} logs
 * at debug level to stderr; {@code --log-file} writes info and above to a file. Every line carries
 * the run and call correlation ids from the MDC ({@code run}, {@code call}).
 */
public final class LogSetup {

  /** The layout of every log line. */
  public static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level run=%X{run:--} call=%X{call:--} %logger{24} - %msg%n";

  private LogSetup() {}

  public static void configure(boolean verbose, Path logFile, PrintWriter err) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext lc)) {
      return;
    }
    lc.reset();
    Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.OFF);
    if (!verbose && logFile == null) {
      return;
    }
    root.setLevel(verbose ? Level.DEBUG : Level.INFO);
    // third-party libraries stay at INFO even with --verbose
    lc.getLogger("okhttp3").setLevel(Level.INFO);
    lc.getLogger("org.sqlite").setLevel(Level.INFO);
    if (verbose) {
      OutputStreamAppender<ILoggingEvent> a = new OutputStreamAppender<>();
      a.setContext(lc);
      a.setName("stderr");
      a.setEncoder(encoder(lc));
      a.setOutputStream(new WriterStream(err));
      a.start();
      root.addAppender(a);
    }
    if (logFile != null) {
      FileAppender<ILoggingEvent> f = new FileAppender<>();
      f.setContext(lc);
      f.setName("file");
      f.setFile(logFile.toString());
      f.setAppend(true);
      f.setEncoder(encoder(lc));
      f.start();
      root.addAppender(f);
    }
  }

  private static PatternLayoutEncoder encoder(LoggerContext lc) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(lc);
    e.setPattern(PATTERN);
    e.setCharset(StandardCharsets.UTF_8);
    e.start();
    return e;
  }

  /** Bridges logback's byte stream to the injected stderr writer (each event arrives whole). */
  private static final class WriterStream extends OutputStream {
    private final PrintWriter w;

    WriterStream(PrintWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      w.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.write(new String(b, off, len, StandardCharsets.UTF_8));
      w.flush();
    }

    @Override
    public void flush() {
      w.flush();
    }
  }
}
