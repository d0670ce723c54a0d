package io.chorus.advisor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.advisor.Workload;
import io.chorus.advisor.WorkloadType;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Re-creates a workload from its {@link Workload#childSpec()} JSON, and loads user classes. */
public final class WorkloadSpecs {
  private WorkloadSpecs() {}

  /** Builds the workload a spec describes. */
  public static Workload fromSpec(String specJson) {
    JsonNode spec;
    try {
      spec = Json.MAPPER.readTree(specJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("workload spec is not JSON: " + e.getOriginalMessage(), e);
    }
    String kind = spec.path("kind").asText();
    return switch (kind) {
      case "cpu" -> new CpuKernel(spec.path("n").asLong(), spec.path("tasks").asInt());
      case "http" ->
          new HttpKernel(
              URI.create(spec.path("url").asText()),
              spec.hasNonNull("body") ? spec.get("body").asText() : null,
              spec.path("server").asText("server"),
              spec.path("latencyMs").asLong(),
              spec.path("n").asLong(),
              spec.path("tasks").asInt(),
              null);
      case "command" -> {
        List<String> cmd = new ArrayList<>();
        spec.path("command").forEach(c -> cmd.add(c.asText()));
        yield new CommandWorkload(
            cmd, spec.path("tasks").asInt(), WorkloadType.parse(spec.path("type").asText()));
      }
      case "class" -> ofClass(spec.path("class").asText());
      default -> throw new IllegalArgumentException("workload spec: unknown kind \"" + kind + "\"");
    };
  }

  /**
   * Instantiates a user workload by class name (public class, public no-argument constructor).
   *
   * @throws IllegalArgumentException naming the class and what is wrong with it
   */
  public static Workload ofClass(String className) {
    Class<?> c;
    try {
      c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "workload class " + className + " is not on the classpath", e);
    }
    if (!Workload.class.isAssignableFrom(c))
      throw new IllegalArgumentException(
          "workload class " + className + " does not implement " + Workload.class.getName());
    try {
      return (Workload) c.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "workload class " + className + " needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "workload class " + className + " failed in its constructor: " + e.getCause(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "workload class " + className + " cannot be created: " + e, e);
    }
  }
}
