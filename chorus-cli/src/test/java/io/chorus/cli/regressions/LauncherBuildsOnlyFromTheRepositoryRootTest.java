package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /path/to/chorus ask …} run from another directory printed "Could not find the selected
 * project in the reactor: chorus-cli" on its first (building) run: the launcher ran the Maven
 * wrapper in the caller's working directory. The launcher is copied beside a stand-in wrapper that
 * records where it was run, then started from an unrelated directory.
 */
class LauncherBuildsOnlyFromTheRepositoryRootTest {

  @Test
  void theBuildRunsInTheRepositoryRootWhateverTheCallersDirectory(@TempDir Path tmp)
      throws Exception {
    Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("chorus");
    Path root = Files.createDirectories(tmp.resolve("repo"));
    Files.copy(launcher, root.resolve("chorus"));
    Files.createDirectories(root.resolve(".mvn"));
    // a JDK finder that finds this test's own JDK, and a wrapper that records its directory and
    // fails, so the launcher stops after the build step
    Files.writeString(
        root.resolve(".mvn/find-jdk.sh"), "JAVA_HOME='" + System.getProperty("java.home") + "'\n");
    Path seen = tmp.resolve("seen");
    Path wrapper = root.resolve("mvnw");
    Files.writeString(wrapper, "#!/bin/sh\npwd > '" + seen + "'\nexit 1\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(
        root.resolve("chorus"), PosixFilePermissions.fromString("rwx------"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

    Process p =
        new ProcessBuilder("sh", root.resolve("chorus").toString(), "--version")
            .directory(elsewhere.toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("out").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(Files.readString(seen, StandardCharsets.UTF_8).strip())
        .isEqualTo(root.toRealPath().toString());
  }
}
