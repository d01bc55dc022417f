package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.SimClock;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code objects upload FILE} puts the object on the hub and prints the reference a change uses. */
class ObjectsCommandTest {
  @TempDir
  Path home;
  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  PantahubSimulator sim;
  String out;
  String err;

  @BeforeEach
  void startHub() {
    sim = PantahubSimulator.builder().scenario(Scenario.walkthrough()).clock(clock).start();
  }

  @AfterEach
  void stopHub() {
    sim.close();
  }

  int cli(String stdin, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CliEnvironment env = CliEnvironment.builder()
        .env(Map.of(CliHome.ENV, home.toString(), CliSession.HUB_ENV, sim.baseUri().toString()))
        .clock(clock).in(new StringReader(stdin)).sleeper(sim::advance).build();
    int code = BiggerFleetCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void upload_putsTheObjectOnTheHub_printsItsReference_andASecondUploadIsSkipped() throws Exception {
    Path kernel = home.resolve("kernel-5.15.img");
    Files.writeString(kernel, "kernel 5.15");
    String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest("kernel 5.15".getBytes(StandardCharsets.UTF_8)));
    assertThat(cli("user1\n", "login", "user1", "--password")).isZero();

    assertThat(cli("", "objects", "upload", kernel.toString())).as(err).isZero();

    assertThat(out).isEqualTo("Uploaded kernel-5.15.img (11 bytes) as object " + sha + "\n"
        + "Use it in a change: change=set kernel=prn::pantahub.com:objects:/" + sha + "\n");
    PantahubClient hub = PantahubClient.builder().baseUri(sim.baseUri()).clock(clock)
        .login("user1", "user1".toCharArray()).build();
    assertThat(hub.objects().exists(sha)).isTrue();
    assertThat(cli("", "objects", "upload", kernel.toString())).isZero();
    assertThat(out).startsWith("The hub already has kernel-5.15.img");
  }

  @Test
  void upload_ofAMissingFile_isAUsageError_naming_theFile() {
    assertThat(cli("", "objects", "upload", home.resolve("nope.img").toString())).isEqualTo(2);
    assertThat(err).isEqualTo("bigger-fleet: Cannot read '" + home.resolve("nope.img") + "': not a readable file\n");
  }
}
