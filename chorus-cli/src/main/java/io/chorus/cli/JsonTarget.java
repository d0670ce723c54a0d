package io.chorus.cli;

import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Lets {@code --json} take an optional file only when the next argument names a {@code .json} file,
 * so that {@code chorus ask --json "hello"} keeps "hello" as the prompt while {@code chorus
 * deliberate ... --json plan.json} writes the JSON to plan.json.
 */
final class JsonTarget implements IParameterConsumer {
  @Override
  public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
    String next = args.isEmpty() ? null : args.peek();
    if (next != null
        && !next.startsWith("-")
        && next.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
      argSpec.setValue(args.pop());
    } else {
      argSpec.setValue("");
    }
  }
}
