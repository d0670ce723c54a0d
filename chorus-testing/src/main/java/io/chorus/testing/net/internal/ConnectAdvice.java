package io.chorus.testing.net.internal;

import java.io.IOException;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code sun.nio.ch.Net.connect(ProtocolFamily, FileDescriptor,
 * InetAddress, int)}: the method every TCP connect of {@code java.net.Socket} (NioSocketImpl since
 * JDK 13), {@code SocketChannel}, {@code AsynchronousSocketChannel} and a connected {@code
 * DatagramChannel} reaches before the native call.
 */
public final class ConnectAdvice {
  private ConnectAdvice() {}

  @Advice.OnMethodEnter
  static void enter(@Advice.Argument(2) InetAddress remote, @Advice.Argument(3) int port)
      throws IOException {
    ConnectHook.onConnect(remote, port);
  }
}
