package io.chorus.testing.net.internal;

import io.chorus.testing.net.OutboundGuard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * The JVM's name resolver while this test kit is on the class path (JDK 18+ resolver SPI, found by
 * the service loader): the JDK's own resolver, but while an {@link OutboundGuard} runs, a lookup
 * that would ask a DNS server is recorded and refused before it is made.
 */
public final class GuardedResolverProvider extends InetAddressResolverProvider {

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        String refusal = OutboundGuard.checkLookup(host);
        if (refusal != null) {
          throw new UnknownHostException(refusal);
        }
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        String refusal = OutboundGuard.checkReverseLookup(addr);
        if (refusal != null) {
          throw new UnknownHostException(refusal);
        }
        return builtin.lookupByAddress(addr);
      }
    };
  }

  @Override
  public String name() {
    return "chorus-outbound-guard";
  }
}
