package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state folder is the owner's alone, and whatever state it is in, a command ends with one line
 * that names the file and the way out — never a stack trace — and leaves the file for recovery.
 */
class StateFolderTest {
  static final String KEY_FILE = "store.key";

  @TempDir
  Path tmp;

  Path home;
  SimCli cli;

  SimCli cli() {
    if (cli == null) {
      home = home == null ? tmp.resolve("state") : home;
      cli = new SimCli(home, Scenario.walkthrough());
    }
    return cli;
  }

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  static void assertOneLineWithoutTrace(String err) {
    assertThat(err.lines().filter(l -> l.startsWith("bigger-fleet: ") && !l.contains("warning")))
        .hasSize(1);
    assertThat(err).doesNotContain("\tat ", "Exception:", "unexpected error");
  }

  String h2Url() {
    return "jdbc:h2:file:" + home.resolve("fleet").toAbsolutePath();
  }

  @Test
  void existingFolderOpenToOthers_isMadeOwnerOnly_withANote() throws Exception {
    home = tmp.resolve("state");
    Files.createDirectory(
        home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    cli().loggedInWithAllDevices();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
        .isEqualTo("rwx------");
  }

  @Test
  void everyFileInTheFolder_isOwnerOnly_andTheKeyIsThere() throws Exception {
    cli().loggedInWithAllDevices();

    try (Stream<Path> files = Files.list(home)) {
      for (Path f : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString())
            .isEqualTo("rw-------");
      }
    }
    assertThat(Files.readString(home.resolve(KEY_FILE)).strip()).matches("[0-9a-f]{64}");
  }

  @Test
  void database_refusesAConnectionWithoutTheKey() {
    cli().loggedInWithAllDevices();

    assertThatThrownBy(() -> DriverManager.getConnection(h2Url(), "", "").close())
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
  }

  @Test
  void databaseFromBeforeTheKey_getsOneAtTheFirstOpen_andKeepsItsDevices() throws Exception {
    cli().loggedInWithAllDevices();
    String key = Files.readString(home.resolve(KEY_FILE)).strip();
    try (Connection c = DriverManager.getConnection(h2Url(), "", key);
        Statement s = c.createStatement()) {
      s.execute("ALTER USER \"\" SET PASSWORD ''");
    }
    Files.delete(home.resolve(KEY_FILE));

    int code = cli.run("devices");

    assertThat(code).as(cli.err).isZero();
    assertThat(cli.out).contains("gardenpool-wifi");
    assertThat(home.resolve(KEY_FILE)).exists();
    assertThatThrownBy(() -> DriverManager.getConnection(h2Url(), "", "").close())
        .isInstanceOf(SQLException.class);
  }

  @Test
  void damagedDatabase_saysWhichFileAndHowToRecover_andKeepsIt() throws Exception {
    cli().loggedInWithAllDevices();
    Path db = home.resolve("fleet.mv.db");
    byte[] garbage = "this is not an H2 file\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
    Files.write(db, garbage);

    int code = cli.run("devices");

    assertThat(code).isEqualTo(1);
    assertOneLineWithoutTrace(cli.err);
    assertThat(cli.err)
        .contains(db.toString(), "is damaged", "left as it is", "org.h2.tools.Recover", ".damaged");
    assertThat(Files.readAllBytes(db)).isEqualTo(garbage);
  }

  @Test
  void truncatedDatabase_saysWhichFileAndHowToRecover() throws Exception {
    cli().loggedInWithAllDevices();
    Path db = home.resolve("fleet.mv.db");
    byte[] all = Files.readAllBytes(db);
    Files.write(db, java.util.Arrays.copyOf(all, 100));

    int code = cli.run("devices");

    assertThat(code).isEqualTo(1);
    assertOneLineWithoutTrace(cli.err);
    assertThat(cli.err).contains(db.toString(), "is damaged");
  }

  @Test
  void replacedKey_saysTheDatabaseDoesNotAcceptIt() throws Exception {
    cli().loggedInWithAllDevices();
    Files.writeString(home.resolve(KEY_FILE), "0".repeat(64) + "\n");

    int code = cli.run("devices");

    assertThat(code).isEqualTo(1);
    assertOneLineWithoutTrace(cli.err);
    assertThat(cli.err).contains("does not accept the key in " + home.resolve(KEY_FILE));
  }

  @Test
  void garbageTokenFile_isOneLineWithTheWayOut_andLoginReplacesIt() throws Exception {
    cli().loggedInWithAllDevices();
    Files.writeString(home.resolve("tokens.json"), "\u0000\u0001garbage{{{");

    int code = cli.run("devices");

    assertThat(code).isEqualTo(1);
    assertOneLineWithoutTrace(cli.err);
    assertThat(cli.err).contains("tokens.json is damaged", "bigger-fleet login");

    cli.stdin = "user1\n";
    assertThat(cli.run("login", "user1", "--password")).as(cli.err).isZero();
    assertThat(cli.err).contains("moved it to " + home.resolve("tokens.json.damaged"));
    assertThat(cli.run("devices")).as(cli.err).isZero();
  }

  @Test
  void truncatedTokenFile_isOneLineWithTheWayOut() throws Exception {
    cli().loggedInWithAllDevices();
    Path tokens = home.resolve("tokens.json");
    Files.writeString(tokens, Files.readString(tokens).substring(0, 30));

    int code = cli.run("devices");

    assertThat(code).isEqualTo(1);
    assertOneLineWithoutTrace(cli.err);
    assertThat(cli.err).contains("tokens.json is damaged: not valid JSON", "bigger-fleet login");
    assertThat(cli.err).doesNotContain(Files.readString(tokens));
  }

  @Test
  void damagedConfig_namesTheFileAndTheWayOut() throws Exception {
    cli().loggedInWithAllDevices();
    Files.writeString(home.resolve("config.properties"), "hub=\\u12zz\nuser=user1\n");

    int code = cli.run("devices");

    assertThat(code).isEqualTo(1);
    assertOneLineWithoutTrace(cli.err);
    assertThat(cli.err).contains(home.resolve("config.properties") + " is damaged", "log in again");
  }

  @Test
  void readOnlyFolder_saysItCannotBeWritten() throws Exception {
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root ignores file permissions");
    cli().loggedInWithAllDevices();
    Files.delete(home.resolve("fleet.mv.db"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-x------"));
    try {
      int code = cli.run("devices");

      assertThat(code).isEqualTo(1);
      assertOneLineWithoutTrace(cli.err);
      assertThat(cli.err).contains("cannot be written", "chmod u+rwx");
    } finally {
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
