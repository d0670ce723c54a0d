package io.chorus.semantics.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.semantics.Embedder;
import io.chorus.testing.net.OutboundGuard;
import org.junit.jupiter.api.Test;

/**
 * "Loading the MiniLM embedder starts DJL, which probes the EC2 instance-metadata address
 * 169.254.169.254 on every run ({@code --verbose} shows {@code ai.djl.util.Ec2Utils - EC2 IMDSv2:
 * 403 Forbidden}) and carries telemetry code ({@code OPT_OUT_TRACKING}) that Chorus never switches
 * off." Loading and using the model under the outbound guard must make no attempt off the machine.
 */
class MiniLmLoadDoesNotProbeEc2MetadataTest {

  @Test
  void loadingAndUsingMiniLmStaysOnTheMachine() {
    try (OutboundGuard guard = OutboundGuard.start()) {
      Embedder embedder = Embedder.miniLm();
      assertThat(embedder.embed("nothing leaves the machine").vector()).hasSize(384);
      guard.assertNothingLeftTheMachine();
    }
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
  }
}
