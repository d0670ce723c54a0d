package io.chorus.advisor.internal;

import io.chorus.advisor.Workload;
import io.chorus.advisor.WorkloadType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's external command run {@code tasks} times. From the JVM's side each task is a wait on a
 * child process, so it runs in {@link #fetch}; its output is discarded, a non-zero exit fails it.
 */
public final class CommandWorkload implements Workload {
  private final List<String> command;
  private final int tasks;
  private final WorkloadType type;

  public CommandWorkload(List<String> command, int tasks, WorkloadType type) {
    if (command.isEmpty())
      throw new IllegalArgumentException("command workload: the command is empty");
    if (tasks < 1)
      throw new IllegalArgumentException("command workload: runs must be at least 1, got " + tasks);
    this.command = List.copyOf(command);
    this.tasks = tasks;
    this.type = type;
  }

  @Override
  public String name() {
    return "command";
  }

  @Override
  public WorkloadType type() {
    return type;
  }

  @Override
  public int tasks() {
    return tasks;
  }

  @Override
  public Object fetch(int index) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int code = p.waitFor();
    if (code != 0)
      throw new IOException(
          "command " + command + " exited with " + code + " (task " + index + ")");
    return null;
  }

  @Override
  public void compute(int index, Object fetched) {}

  @Override
  public String description() {
    return tasks + " runs of `" + String.join(" ", command) + "`";
  }

  @Override
  public String childSpec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("kind", "command");
    spec.put("command", command);
    spec.put("tasks", tasks);
    spec.put("type", type.label());
    return Json.write(spec);
  }
}
