package io.chorus.config.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.config.ChorusConfig;
import io.chorus.config.GatewaySettings;
import io.chorus.config.OtelSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "{@code chorus batch --hedge 2s} ran on .chorus/batch.db although chorus.yaml says {@code store:
 * postgresql://...}", and "{@code --base-url} made the provider's TLS ignore {@code ca_file}":
 * {@code withDefaults} and {@code withBaseUrl} (behind {@code --hedge}, {@code --fallback}, {@code
 * --base-url}) rebuilt the configuration from providers, models, defaults and budget only, dropping
 * store, gateway and ca_file.
 */
class FlagOverridesKeepStoreGatewayAndCaFileTest {

  @Test
  void withDefaultsAndWithBaseUrlKeepEverythingElse() {
    ChorusConfig c =
        new ChorusConfig(
            Map.of(),
            Map.of(),
            null,
            null,
            "postgresql://db.internal/chorus",
            new GatewaySettings(1024L, null, null, null),
            "/etc/ssl/ca.pem",
            new OtelSettings("http://127.0.0.1:4318", Map.of("x-team", "ops")));
    for (ChorusConfig changed :
        new ChorusConfig[] {
          c.withDefaults(c.defaults()), c.withBaseUrl("openai", "http://127.0.0.1:1/v1")
        }) {
      assertThat(changed.store()).isEqualTo("postgresql://db.internal/chorus");
      assertThat(changed.gateway().maxBody()).isEqualTo(1024L);
      assertThat(changed.caFile()).isEqualTo("/etc/ssl/ca.pem");
      assertThat(changed.otel().endpoint()).isEqualTo("http://127.0.0.1:4318");
    }
  }
}
