package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HttpTransport.Builder#trustedCertificates(Path)} against simulators serving TLS: trust is
 * added per file, a server whose authority is not trusted fails the call as a connection failure
 * that says why, and a bad file is refused naming it.
 */
class TrustedCertificatesTest {
  static final CallContext CTX = CallContext.standalone(Duration.ofSeconds(20));
  static final ChatRequest HELLO =
      ChatRequest.builder("anthropic:fast").user("hello").maxTokens(20).build();

  static Path pem(Path dir, String name, Simulator sim) throws Exception {
    return Files.writeString(dir.resolve(name), sim.caCertificatePem());
  }

  static AnthropicProvider provider(Simulator sim, HttpTransport t) {
    return AnthropicProvider.builder()
        .baseUrl(sim.baseUrl())
        .apiKey(Secret.of("sk-ant-tls-000000000000000"))
        .transport(t)
        .build();
  }

  @Test
  void eachFileAddsTrustAndAnUntrustedServerIsAConnectionFailureThatSaysWhy(@TempDir Path dir)
      throws Exception {
    try (Simulator a = Simulator.builder().tls().start();
        Simulator b = Simulator.builder().tls().start();
        Simulator c = Simulator.builder().tls().start();
        HttpTransport both =
            HttpTransport.builder()
                .trustedCertificates(pem(dir, "a.pem", a))
                .trustedCertificates(pem(dir, "b.pem", b))
                .build()) {
      assertThat(provider(a, both).call(HELLO, CTX).text()).isNotBlank();
      assertThat(provider(b, both).call(HELLO, CTX).text()).isNotBlank();

      ProviderException e =
          catchThrowableOfType(ProviderException.class, () -> provider(c, both).call(HELLO, CTX));
      assertThat(e.error()).isInstanceOf(ProviderError.ConnectionFailed.class);
      assertThat(e.getMessage()).contains("the server's TLS certificate is not trusted");
      assertThat(c.stats().totals().requests()).isZero();
    }
  }

  @Test
  void aMissingOrEmptyFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> HttpTransport.builder().trustedCertificates(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(missing + ": no such file");
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
    assertThatThrownBy(() -> HttpTransport.builder().trustedCertificates(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(text.toString());
  }
}
