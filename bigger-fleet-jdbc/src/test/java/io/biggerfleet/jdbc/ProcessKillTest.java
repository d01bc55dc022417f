package io.biggerfleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.spi.WriteBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill -9 of a process in the middle of a bulk write to an H2 file: after restart nothing of it is visible. */
class ProcessKillTest {
  @TempDir
  Path dir;

  @Test
  void h2File_whenProcessIsKilledMidBulkWrite_showsNothingOfTheBatchAfterRestart()
      throws Exception {
    Path file = dir.resolve("fleet");
    try (JdbcFleetStore store = JdbcFleetStore.h2File(file).open()) {
      store.write(
          WriteBatch.builder().putDevice(JdbcStoreBehaviourTest.device(0), 0).build());
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    // A small, quick-starting JVM: the child only has to get half-way through one write.
    Process child = new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            CrashingImport.class.getName(),
            file.toString())
        .redirectErrorStream(true)
        .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = out.readLine()) != null && !line.equals("MIDWAY")) {
        seen.append(line).append('\n');
      }
      assertThat(line).as("child output:\n%s", seen).isEqualTo("MIDWAY");
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback by the JVM
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }

    try (JdbcFleetStore store = JdbcFleetStore.h2File(file).open()) {
      assertThat(store.deviceCount()).isEqualTo(1);
      assertThat(store.device(JdbcStoreBehaviourTest.device(1).id())).isEmpty();
      store.write(
          WriteBatch.builder().putDevice(JdbcStoreBehaviourTest.device(1), 0).build());
      assertThat(store.deviceCount()).isEqualTo(2);
    }
  }
}
