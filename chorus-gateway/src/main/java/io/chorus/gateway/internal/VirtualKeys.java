package io.chorus.gateway.internal;

import io.chorus.config.GatewayKeySettings;
import io.chorus.core.TimeSource;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The gateway's virtual keys, known only by their SHA-256: a presented key is hashed and looked up,
 * so the keys themselves are in no file and no memory dump of the configuration. With no keys
 * configured the gateway is open (and binds loopback unless told otherwise).
 */
public final class VirtualKeys {

  private final Map<String, VirtualKey> byHash = new HashMap<>();

  public VirtualKeys(Map<String, GatewayKeySettings> keys, TimeSource time) {
    keys.forEach((name, s) -> byHash.put(s.sha256(), new VirtualKey(name, s, time)));
  }

  public boolean open() {
    return byHash.isEmpty();
  }

  /**
   * The key a request presents ({@code Authorization: Bearer KEY} or {@code x-api-key: KEY}), or
   * {@link VirtualKey#OPEN} for an open gateway; 401 in the protocol's shape otherwise. The error
   * never echoes the key.
   */
  public VirtualKey authenticate(ServerRequest req) {
    if (open()) {
      return VirtualKey.OPEN;
    }
    String presented = req.headers().first(HeaderNames.create("x-api-key")).orElse(null);
    if (presented == null) {
      String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
      if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        presented = auth.substring(7).strip();
      }
    }
    if (presented == null || presented.isEmpty()) {
      throw new GatewayException(
          ApiError.unauthorized(
              "No API key: send this gateway's key as 'Authorization: Bearer KEY' or 'x-api-key: KEY'"));
    }
    VirtualKey k = byHash.get(sha256(presented));
    if (k == null) {
      throw new GatewayException(
          ApiError.unauthorized(
              "Incorrect API key provided: it is not one of this gateway's keys"));
    }
    return k;
  }

  static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
