package io.chorus.advisor.internal;

import io.chorus.advisor.Advisor;
import io.chorus.advisor.BenchFigures;
import io.chorus.advisor.BenchReport;
import io.chorus.advisor.Questionnaire;
import io.chorus.advisor.Recommendation;
import io.chorus.advisor.WorkloadProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the advisor until the CLI wires {@code chorus advise}: profile flags (see {@link
 * WorkloadProfile#fromArgs}), or {@code --input profile.json}, or {@code --interactive}; plus
 * {@code --figures results.json} (default .chorus/bench/latest.json), {@code --calibrate} and
 * {@code --json}.
 */
public final class AdviseMain {
  private AdviseMain() {}

  public static void main(String[] args) throws Exception {
    List<String> profileArgs = new ArrayList<>();
    Path figuresFile = BenchReport.DEFAULT_FILE;
    Path input = null;
    boolean json = false;
    boolean calibrate = false;
    boolean interactive = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--figures" -> figuresFile = Path.of(args[++i]);
        case "--input" -> input = Path.of(args[++i]);
        case "--json" -> json = true;
        case "--calibrate" -> calibrate = true;
        case "--interactive" -> interactive = true;
        default -> profileArgs.add(args[i]);
      }
    }
    WorkloadProfile profile =
        interactive
            ? Questionnaire.onStandardStreams().ask()
            : input != null
                ? WorkloadProfile.fromJson(Files.readString(input))
                : WorkloadProfile.fromArgs(profileArgs.toArray(String[]::new));
    BenchFigures figures =
        calibrate
            ? BenchFigures.calibrate(s -> System.err.println("[calibrate] " + s))
            : BenchFigures.latestOrNone(figuresFile);
    Recommendation r = new Advisor().advise(profile, figures);
    System.out.println(json ? r.toJson() : r.toMarkdown());
  }
}
