package io.chorus.gateway;

import io.chorus.config.ConfigLoader;
import io.chorus.config.ConfiguredEngine;
import io.chorus.config.LoadedConfig;
import io.chorus.core.ModelId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A real gateway on 127.0.0.1 over an engine configured from a chorus.yaml text, for tests. */
final class TestGateway implements AutoCloseable {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  final ConfiguredEngine session;
  final Gateway gateway;
  final LoadedConfig config;

  private TestGateway(ConfiguredEngine session, Gateway gateway, LoadedConfig config) {
    this.session = session;
    this.gateway = gateway;
    this.config = config;
  }

  static TestGateway start(
      Path dir, String yaml, Map<String, String> env, Consumer<Gateway.Builder> customize) {
    return start(dir, yaml, env, null, customize);
  }

  /**
   * With the in-process simulator playing {@code scenario} (a sim.yaml), or its defaults when null.
   */
  static TestGateway start(
      Path dir,
      String yaml,
      Map<String, String> env,
      Path scenario,
      Consumer<Gateway.Builder> customize) {
    try {
      Files.writeString(dir.resolve("chorus.yaml"), yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    LoadedConfig loaded = new ConfigLoader(env).load(null, dir, null);
    Path cwd = Path.of("").toAbsolutePath();
    List<String> models = Gateway.modelsFor(loaded.config(), cwd);
    GatewayListener listener = new GatewayListener();
    ConfiguredEngine session =
        ConfiguredEngine.open(
            loaded,
            models.stream().map(ModelId::parse).toList(),
            List.of(listener),
            b -> {},
            scenario == null ? null : io.chorus.sim.SimConfig.load(scenario));
    try {
      Gateway.Builder b =
          Gateway.builder()
              .session(session, models)
              .settings(loaded.config().gateway())
              .listener(listener)
              .workflowDir(cwd)
              .port(0);
      customize.accept(b);
      return new TestGateway(session, b.start(), loaded);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("content-type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      session.close();
    }
  }
}
