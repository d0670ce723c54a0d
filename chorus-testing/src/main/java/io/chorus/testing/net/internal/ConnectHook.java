package io.chorus.testing.net.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * The one class the instrumented JDK code calls. {@link io.chorus.testing.net.OutboundGuard} puts
 * it on the bootstrap class path (so {@code java.base} can link to it) before anything loads it; it
 * therefore refers only to JDK types.
 */
public final class ConnectHook {
  private static volatile Function<InetSocketAddress, String> check;

  private ConnectHook() {}

  /** The check every connect and datagram send consults: returns a refusal, or null to allow. */
  public static void check(Function<InetSocketAddress, String> value) {
    check = value;
  }

  /** Called at the start of {@code sun.nio.ch.Net.connect}: before the SYN leaves. */
  public static void onConnect(InetAddress remote, int port) throws IOException {
    refuseIfChecked(new InetSocketAddress(remote, port));
  }

  /** Called at the start of {@code sun.nio.ch.DatagramChannelImpl.send}: before the datagram. */
  public static void onSend(InetSocketAddress target) throws IOException {
    refuseIfChecked(target);
  }

  private static void refuseIfChecked(InetSocketAddress target) throws IOException {
    Function<InetSocketAddress, String> c = check;
    if (c == null) {
      return;
    }
    String refusal = c.apply(target);
    if (refusal != null) {
      throw new ConnectException(refusal);
    }
  }
}
