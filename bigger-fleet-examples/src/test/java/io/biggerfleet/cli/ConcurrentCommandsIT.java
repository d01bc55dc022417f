package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several packaged CLI processes using one state folder at once, without a {@code bigger-fleet run}
 * holding the database: each waits its turn (H2 lets the first serve the others; one that finds the
 * file changing hands retries briefly), every command succeeds and no change is lost.
 */
class ConcurrentCommandsIT {
  static final int PROCESSES = 6;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void concurrentTagsAdd_allSucceed_andEveryTagIsKept() throws Exception {
    Path home = tmp.resolve("state");
    Files.createDirectories(tmp.resolve("logs"));
    Launcher cli = new Launcher(home, tmp.resolve("logs"));
    try (PantahubSimulator sim =
        PantahubSimulator.builder().scenario(Scenario.walkthrough()).start()) {
      String hub = sim.baseUri().toString();
      assertThat(
              cli.run("user1\n", "--hub", hub, "login", "user1", "--password").code())
          .isZero();
      assertThat(cli.run("", "--hub", hub, "add-devices", "--all").code()).isZero();

      List<Launcher.Started> started = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        started.add(cli.start("", "--hub", hub, "tags", "add", "/", "t" + i));
      }
      List<String> failures = new ArrayList<>();
      for (Launcher.Started s : started) {
        Launcher.Result r = s.await();
        if (r.code() != 0) {
          failures.add(r.code() + ": " + r.err());
        }
      }

      assertThat(failures).isEmpty();
      Launcher.Result devices = cli.run("", "--hub", hub, "devices", "--json");
      assertThat(devices.code()).as(devices.err()).isZero();
      JsonNode list = JSON.readTree(devices.out()).get("devices");
      assertThat(list).hasSize(11);
      for (JsonNode d : list) {
        List<String> tags = new ArrayList<>();
        d.get("tags").forEach(t -> tags.add(t.asText()));
        for (int i = 0; i < PROCESSES; i++) {
          assertThat(tags).as(d.get("id").asText()).contains("t" + i);
        }
      }
    }
  }
}
