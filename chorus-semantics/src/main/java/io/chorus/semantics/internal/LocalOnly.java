package io.chorus.semantics.internal;

import java.util.Map;

/**
 * Switches off, before the embedding libraries are first touched, everything in them that would
 * reach the network on its own: DJL (the tokenizer underneath LangChain4j's ONNX embeddings) probes
 * the EC2 instance-metadata address 169.254.169.254 and sends usage telemetry from {@code
 * ai.djl.util.Ec2Utils.callHome} on its first tokenizer, and would download native libraries or
 * models it does not find locally. Its offline mode and tracking opt-out stop both; the native
 * tokenizer library ships inside the DJL jar, so offline mode loses nothing. ONNX Runtime's
 * telemetry (Windows builds only) is switched off on its environment before the model session is
 * created.
 *
 * <p>The values are set only when not already given: {@code -Dai.djl.offline=false} on the command
 * line, or the environment variables {@code DJL_OFFLINE} and {@code OPT_OUT_TRACKING} (which DJL
 * reads before the properties), are the user's explicit invitation.
 */
public final class LocalOnly {

  /** DJL's system properties (read by {@code ai.djl.util.Utils}, DJL 0.20 and later). */
  static final Map<String, String> DJL_PROPERTIES =
      Map.of("ai.djl.offline", "true", "OPT_OUT_TRACKING", "true");

  private LocalOnly() {}

  /** Idempotent; cheap after the first call. */
  public static void apply() {
    DJL_PROPERTIES.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) {
            System.setProperty(key, value);
          }
        });
  }

  /** ONNX Runtime's telemetry off; call where the native library is being loaded anyway. */
  static void onnxTelemetryOff() {
    try {
      ai.onnxruntime.OrtEnvironment.getEnvironment().setTelemetry(false);
    } catch (ai.onnxruntime.OrtException e) {
      // a platform without telemetry (every non-Windows build) may refuse; nothing to switch off
    }
  }
}
