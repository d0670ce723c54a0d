package io.chorus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store URLs, credentials from the environment or a pgpass file, and a password that never prints.
 */
class PostgresLocationTest {

  @TempDir Path home;

  @Test
  void parsesHostPortDatabaseAndDefaults() {
    PostgresLocation l =
        PostgresLocation.parse("postgresql://db.internal/chorus", Map.of("PGUSER", "svc"), home);
    assertThat(l.host()).isEqualTo("db.internal");
    assertThat(l.port()).isEqualTo(5432);
    assertThat(l.database()).isEqualTo("chorus");
    assertThat(l.user()).isEqualTo("svc");
    assertThat(l.schema()).isEqualTo("chorus");
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/chorus");
    PostgresLocation p =
        PostgresLocation.parse(
            "postgres://me@127.0.0.1:6543/x?schema=team_a&pool=3", Map.of(), home);
    assertThat(p.user()).isEqualTo("me");
    assertThat(p.port()).isEqualTo(6543);
    assertThat(p.schema()).isEqualTo("team_a");
    assertThat(p.poolSize()).isEqualTo(3);
  }

  @Test
  void passwordComesFromTheEnvironmentFirstThenPgpass() throws Exception {
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(
        pgpass,
        "# comment\nother:*:*:*:nope\n127.0.0.1:5432:orders:app:pa\\:ss\n*:*:*:*:fallback\n");
    assertThat(
            PostgresLocation.parse("postgresql://app@127.0.0.1/orders", Map.of(), home)
                .password()
                .value())
        .isEqualTo("pa:ss");
    assertThat(
            PostgresLocation.parse("postgresql://bob@127.0.0.1/orders", Map.of(), home)
                .password()
                .value())
        .isEqualTo("fallback");
    assertThat(
            PostgresLocation.parse(
                    "postgresql://app@127.0.0.1/orders", Map.of("PGPASSWORD", "env"), home)
                .password()
                .value())
        .isEqualTo("env");
    assertThat(
            PostgresLocation.parse(
                    "postgresql://app@127.0.0.1/orders",
                    Map.of("PGPASSWORD", "env", "CHORUS_STORE_PASSWORD", "chorus"),
                    home)
                .password()
                .value())
        .isEqualTo("chorus");
    Path other = home.resolve("elsewhere");
    Files.writeString(other, "*:*:*:*:from-pgpassfile\n");
    assertThat(
            PostgresLocation.parse(
                    "postgresql://app@127.0.0.1/orders",
                    Map.of("PGPASSFILE", other.toString()),
                    home)
                .password()
                .value())
        .isEqualTo("from-pgpassfile");
  }

  @Test
  void thePasswordNeverPrints() {
    PostgresLocation l =
        PostgresLocation.parse("postgresql://app:hunter2@127.0.0.1:5432/orders", Map.of(), home);
    assertThat(l.password().value()).isEqualTo("hunter2");
    assertThat(l.toString())
        .doesNotContain("hunter2")
        .isEqualTo("postgresql://app@127.0.0.1:5432/orders");
    assertThat(l.display()).doesNotContain("hunter2");
    assertThat(String.valueOf(l.password())).doesNotContain("hunter2");
    assertThat(
            l.scrub(
                "FATAL: password hunter2 rejected for postgresql://app:hunter2@127.0.0.1/orders"))
        .doesNotContain("hunter2");
    assertThatThrownBy(
            () -> PostgresLocation.parse("postgresql://app:hunter2@127.0.0.1", Map.of(), home))
        .hasMessageContaining("names no database")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void unknownParametersAreNamed() {
    assertThatThrownBy(
            () -> PostgresLocation.parse("postgresql://h/d?sslmod=require", Map.of(), home))
        .hasMessageContaining("'sslmod' is not known");
  }
}
