package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "The unreachable-host error reads {@code connection_failed: connection_failed: request failed:
 * ConnectException: Connection refused} and names no URL." One prefix, the host and port that
 * refused, never the key; over both transports (plain http: Chorus's HTTP/1.1 client; https:
 * OkHttp).
 */
class ConnectionFailedNamesTheHostOnceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"http", "https"})
  void anUnreachableHostIsNamedOnce(String scheme) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    CliRun r =
        CliRun.run(
            dir,
            Map.of(
                "OPENAI_API_KEY",
                "sk-secret-4711",
                "OPENAI_BASE_URL",
                scheme + "://user:pw@127.0.0.1:" + port + "/v1"),
            "ask",
            "hi",
            "--model",
            "openai:gpt-4o",
            "--no-progress");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
    assertThat(r.err)
        .as(r.toString())
        .contains("chorus: connection_failed: 127.0.0.1:" + port + " refused (")
        .doesNotContain("connection_failed: connection_failed")
        .doesNotContain("sk-secret-4711")
        .doesNotContain("pw@");
  }
}
