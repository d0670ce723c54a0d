package io.chorus.testing.net;

import io.chorus.testing.net.internal.ConnectAdvice;
import io.chorus.testing.net.internal.ConnectHook;
import io.chorus.testing.net.internal.SendAdvice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Sees every network attempt this JVM makes — TCP connects, datagrams, DNS lookups — and refuses,
 * before a packet leaves, any that is not to the loopback interface (127.0.0.0/8, ::1).
 *
 * <p>Why this and not a recording {@code ProxySelector}: a proxy selector sees only the clients
 * that ask it (OkHttp, {@code HttpURLConnection}), not a raw {@code Socket}, a {@code
 * SocketChannel} or a name lookup. Here the JDK's one connect path ({@code sun.nio.ch.Net.connect},
 * which {@code java.net.Socket} reaches through {@code NioSocketImpl} since JDK 13 and every NIO
 * channel reaches directly) and its datagram send are instrumented at run time (Byte Buddy, the
 * agent attached to this JVM on first use), and the JDK's name resolver is wrapped through the JDK
 * 18+ resolver SPI. A refused connect throws {@code ConnectException} from inside the JDK before
 * the native call, so no SYN is sent; a refused lookup throws {@code UnknownHostException} before
 * any DNS server is asked. Works on JDK 21 to 25 without a SecurityManager.
 *
 * {@snippet :
 * try (OutboundGuard guard = OutboundGuard.start()) {
 *   Main.run("deliberate", "task", "--model", "sim:fast");
 *   guard.assertNothingLeftTheMachine(); // names each refused attempt with the code that made it
 * }
 * }
 *
 * <p>One guard runs at a time in a JVM ({@link #start()} waits for the previous one to close).
 * Attempts from every thread are seen, not only the test's.
 */
public final class OutboundGuard implements AutoCloseable {

  /** One attempt: what was tried, to where, whether it was let through, and who tried. */
  public record Attempt(String kind, String target, boolean allowed, StackTraceElement[] where) {
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(kind + " " + target + (allowed ? "" : " (refused)"));
      // the JDK's frames say how (Socket, SocketChannel, HttpURLConnection); the others say who
      int shown = 0;
      for (StackTraceElement e : where) {
        String c = e.getClassName();
        boolean jdk = c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
        boolean guard =
            c.equals(OutboundGuard.class.getName())
                || c.startsWith("io.chorus.testing.net.internal.");
        if (guard || (jdk && shown > 0)) {
          continue;
        }
        s.append("\n    at ").append(e);
        if (++shown == 20) {
          break;
        }
      }
      return s.toString();
    }
  }

  private static final String HOOK = "io.chorus.testing.net.internal.ConnectHook";
  private static final ReentrantLock INSTALL = new ReentrantLock();
  private static final ReentrantLock ACTIVE = new ReentrantLock();
  private static boolean installed;
  private static volatile OutboundGuard current;

  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

  private OutboundGuard() {}

  /**
   * Instruments the JDK (once per JVM) and starts recording and refusing.
   *
   * @throws IllegalStateException if the JDK's connect path could not be instrumented: the guard
   *     would then be blind, so it refuses to pretend
   */
  public static OutboundGuard start() {
    install();
    ACTIVE.lock();
    OutboundGuard guard = new OutboundGuard();
    current = guard;
    ConnectHook.check(guard::checkConnect);
    return guard;
  }

  /** Every attempt seen so far, in order. */
  public List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** The attempts that were refused (those not to loopback). */
  public List<Attempt> refused() {
    return attempts.stream().filter(a -> !a.allowed()).toList();
  }

  /** Fails, naming each refused attempt and the code that made it, if there was any. */
  public void assertNothingLeftTheMachine() {
    List<Attempt> refused = refused();
    if (!refused.isEmpty()) {
      throw new AssertionError(
          refused.size()
              + " network attempt(s) outside 127.0.0.0/8 and ::1 (refused before sending):\n  "
              + refused.stream().map(Attempt::toString).collect(Collectors.joining("\n  ")));
    }
  }

  /** Stops recording; connects and lookups pass unchecked again. */
  @Override
  public void close() {
    if (current == this) {
      ConnectHook.check(null);
      current = null;
      ACTIVE.unlock();
    }
  }

  /** Called by the name resolver: a refusal for a lookup that would leave the machine, or null. */
  public static String checkLookup(String host) {
    OutboundGuard g = current;
    if (g == null) {
      return null;
    }
    String h = host.toLowerCase(java.util.Locale.ROOT);
    boolean local = h.equals("localhost") || h.endsWith(".localhost");
    return g.record("dns-lookup", host, local);
  }

  /** Called by the name resolver for a reverse lookup: only loopback addresses stay local. */
  public static String checkReverseLookup(byte[] addr) {
    OutboundGuard g = current;
    if (g == null) {
      return null;
    }
    try {
      InetAddress a = InetAddress.getByAddress(addr);
      return g.record("reverse-lookup", a.getHostAddress(), a.isLoopbackAddress());
    } catch (UnknownHostException e) {
      return g.record("reverse-lookup", "?", false);
    }
  }

  private String checkConnect(InetSocketAddress target) {
    InetAddress a = target.getAddress();
    boolean local = a != null && a.isLoopbackAddress();
    String where =
        (a == null ? target.getHostString() : a.getHostAddress()) + ":" + target.getPort();
    return record("connect", where, local);
  }

  private String record(String kind, String target, boolean allowed) {
    attempts.add(new Attempt(kind, target, allowed, new Throwable().getStackTrace()));
    return allowed
        ? null
        : "OutboundGuard refused " + kind + " to " + target + ": only 127.0.0.0/8 and ::1";
  }

  private static void install() {
    INSTALL.lock();
    try {
      if (installed) {
        return;
      }
      Instrumentation inst = ByteBuddyAgent.install();
      Class<?> hook = putHookOnBootstrapPath(inst);
      // java.base must read the module the hook lives in (the bootstrap loader's unnamed one)
      inst.redefineModule(
          Object.class.getModule(),
          Set.of(hook.getModule()),
          Map.of(),
          Map.of(),
          Set.of(),
          Map.of());
      List<String> transformed = new CopyOnWriteArrayList<>();
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      new AgentBuilder.Default()
          .disableClassFormatChanges()
          .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
          .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
          .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
          .ignore(ElementMatchers.none())
          .with(
              new AgentBuilder.Listener.Adapter() {
                @Override
                public void onTransformation(
                    TypeDescription type,
                    ClassLoader loader,
                    JavaModule module,
                    boolean loaded,
                    DynamicType dynamicType) {
                  transformed.add(type.getName());
                }

                @Override
                public void onError(
                    String typeName,
                    ClassLoader loader,
                    JavaModule module,
                    boolean loaded,
                    Throwable throwable) {
                  errors.add(throwable);
                }
              })
          .type(ElementMatchers.named("sun.nio.ch.Net"))
          .transform(
              (builder, type, loader, module, domain) ->
                  builder.visit(
                      Advice.to(ConnectAdvice.class)
                          .on(
                              ElementMatchers.named("connect")
                                  .and(ElementMatchers.takesArguments(4))
                                  .and(ElementMatchers.takesArgument(2, InetAddress.class)))))
          .type(ElementMatchers.named("sun.nio.ch.DatagramChannelImpl"))
          .transform(
              (builder, type, loader, module, domain) ->
                  builder.visit(
                      Advice.to(SendAdvice.class)
                          .on(
                              ElementMatchers.named("send")
                                  .and(ElementMatchers.takesArguments(3))
                                  .and(ElementMatchers.takesArgument(2, InetSocketAddress.class)))))
          .installOn(inst);
      loadIfNeeded("sun.nio.ch.Net", "sun.nio.ch.DatagramChannelImpl");
      if (!errors.isEmpty()
          || !transformed.containsAll(
              List.of("sun.nio.ch.Net", "sun.nio.ch.DatagramChannelImpl"))) {
        IllegalStateException e =
            new IllegalStateException(
                "OutboundGuard could not instrument the JDK's connect path (transformed "
                    + transformed
                    + ") on Java "
                    + Runtime.version());
        errors.forEach(e::addSuppressed);
        throw e;
      }
      installed = true;
    } finally {
      INSTALL.unlock();
    }
  }

  /** The two classes may not be loaded yet: loading them applies the transformation on the way. */
  private static void loadIfNeeded(String... names) {
    for (String n : names) {
      try {
        Class.forName(n, false, null);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("OutboundGuard: no " + n + " on Java " + Runtime.version());
      }
    }
  }

  private static Class<?> putHookOnBootstrapPath(Instrumentation inst) {
    // By name: a class literal would load the hook through this class loader first, and the JDK
    // and the guard would then see two copies of it.
    String name = HOOK.replace('.', '/') + ".class";
    try {
      Path jar = Files.createTempFile("chorus-outbound-guard", ".jar");
      jar.toFile().deleteOnExit();
      try (InputStream in = OutboundGuard.class.getClassLoader().getResourceAsStream(name);
          JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        if (in == null) {
          throw new IllegalStateException("OutboundGuard: " + name + " not on the class path");
        }
        out.putNextEntry(new JarEntry(name));
        in.transferTo(out);
        out.closeEntry();
      }
      inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
      return Class.forName(HOOK, true, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "OutboundGuard: the hook did not reach the bootstrap path", e);
    }
  }
}
