package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code objects upload FILE} puts the object on the hub and prints the reference a change uses. */
class ObjectsCommandTest {
  @TempDir
  Path home;

  SimCli cli;

  @BeforeEach
  void start() {
    cli = new SimCli(home, Scenario.walkthrough());
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void upload_putsTheObjectOnTheHub_printsItsReference_andASecondUploadIsSkipped()
      throws Exception {
    Path kernel = home.resolve("kernel-5.15.img");
    Files.writeString(kernel, "kernel 5.15");
    String sha = HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
            .digest("kernel 5.15".getBytes(StandardCharsets.UTF_8)));
    cli.stdin = "user1\n";
    assertThat(cli.run("login", "user1", "--password")).isZero();
    cli.stdin = "";

    assertThat(cli.run("objects", "upload", kernel.toString())).as(cli.err).isZero();

    assertThat(cli.out)
        .isEqualTo("Uploaded kernel-5.15.img (11 bytes) as object " + sha + "\n"
            + "Use it in a change: change=set kernel=prn::pantahub.com:objects:/" + sha + "\n");
    PantahubClient hub = PantahubClient.builder()
        .baseUri(cli.sim.baseUri())
        .clock(cli.clock)
        .login("user1", "user1".toCharArray())
        .build();
    assertThat(hub.objects().exists(sha)).isTrue();
    assertThat(cli.run("objects", "upload", kernel.toString())).isZero();
    assertThat(cli.out).startsWith("The hub already has kernel-5.15.img");
  }

  @Test
  void upload_ofAMissingFile_isAUsageError_naming_theFile() {
    assertThat(cli.run("objects", "upload", home.resolve("nope.img").toString()))
        .isEqualTo(2);
    assertThat(cli.err)
        .isEqualTo(
            "bigger-fleet: Cannot read '" + home.resolve("nope.img") + "': not a readable file\n");
  }
}
