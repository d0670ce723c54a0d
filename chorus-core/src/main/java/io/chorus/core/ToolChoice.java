package io.chorus.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call. {@link #AUTO} (the default) lets the model decide;
 * {@link #NONE} forbids tool calls; {@link #REQUIRED} requires at least one; {@link #tool(String)}
 * requires that one.
 *
 * <p>OpenAI {@code tool_choice}: {@code auto}, {@code none}, {@code required}, {@code
 * {"type":"function","function":{"name":…}}}; Anthropic {@code tool_choice}: {@code auto}, {@code
 * none}, {@code any}, {@code {"type":"tool","name":…}}.
 *
 * @param mode which kind of choice
 * @param toolName the tool that must be called for {@link Mode#TOOL}, else null
 */
public record ToolChoice(Mode mode, @Nullable String toolName) {

  /** The kinds of choice. */
  public enum Mode {
    AUTO,
    NONE,
    REQUIRED,
    TOOL
  }

  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.TOOL) != (toolName != null)) {
      throw new IllegalArgumentException(
          "tool choice: a tool name goes with mode TOOL and only with it");
    }
  }

  /** The model must call the tool named {@code name}. */
  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, Objects.requireNonNull(name, "name"));
  }
}
