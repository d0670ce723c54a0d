package io.chorus.gateway.internal;

/** The {@code chorus/NAME} model names that run a configured workflow instead of one model. */
public final class Workflows {

  public static final String PREFIX = "chorus/";

  private Workflows() {}

  public static boolean isWorkflow(String model) {
    return model.startsWith(PREFIX);
  }

  public static String name(String model) {
    return model.substring(PREFIX.length());
  }
}
