package io.chorus.testing.net.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code sun.nio.ch.DatagramChannelImpl.send(FileDescriptor, ByteBuffer,
 * InetSocketAddress)}: every unconnected datagram ({@code DatagramSocket} is a {@code
 * DatagramChannel} underneath since JDK 15) passes here before the native send.
 */
public final class SendAdvice {
  private SendAdvice() {}

  @Advice.OnMethodEnter
  static void enter(@Advice.Argument(2) InetSocketAddress target) throws IOException {
    ConnectHook.onSend(target);
  }
}
