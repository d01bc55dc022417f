package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI keeps its state folder to its owner: while a {@code bigger-fleet run} holds the
 * database and serves it to other CLI processes, the server listens on loopback only and refuses a
 * connection without the folder's key; every file is owner-only.
 */
class StateFolderSecurityIT {
  @TempDir
  Path tmp;

  Path home;
  Launcher cli;
  PantahubSimulator sim;
  String hub;
  Launcher.Result login;

  @BeforeEach
  void setUp() throws Exception {
    home = tmp.resolve("state");
    Files.createDirectory(
        home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.createDirectory(tmp.resolve("logs"));
    cli = new Launcher(home, tmp.resolve("logs"));
    sim = PantahubSimulator.builder().scenario(Scenario.walkthrough()).start();
    hub = sim.baseUri().toString();
    login = cli.run("user1\n", "--hub", hub, "login", "user1", "--password");
    assertThat(login.code()).as(login.err()).isZero();
    Launcher.Result add = cli.run("", "--hub", hub, "add-devices", "--all");
    assertThat(add.code()).as(add.err()).isZero();
  }

  @AfterEach
  void tearDown() {
    sim.close();
  }

  /** The lock file H2 writes while a process serves the database: {@code server=host:port}, {@code id=key}. */
  Properties waitForServer(Process run) throws Exception {
    Path lock = home.resolve("fleet.lock.db");
    for (int i = 0; i < 600; i++) {
      if (Files.exists(lock)) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(lock)) {
          p.load(in);
        } catch (IOException e) {
          continue; // being written
        }
        if (p.getProperty("server") != null) {
          return p;
        }
      }
      assertThat(run.isAlive()).as("bigger-fleet run still running").isTrue();
      Thread.sleep(100); // polling another process's file, not waiting for time to pass
    }
    throw new AssertionError("no AUTO_SERVER lock file after 60 s");
  }

  static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> out = new ArrayList<>();
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nif.getInetAddresses())) {
        if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && a instanceof Inet4Address) {
          out.add(a);
        }
      }
    }
    return out;
  }

  @Test
  void existingFolderOpenToOthers_isMadeOwnerOnly_withANote() throws Exception {
    assertThat(login.err())
        .contains(
            "note: made the state folder " + home + " owner-only (rwx------; it was rwxr-xr-x)");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
        .isEqualTo("rwx------");
  }

  @Test
  void sharedDatabase_listensOnLoopbackOnly_andRefusesConnectionsWithoutTheKey() throws Exception {
    Launcher.Started run =
        cli.start("", "--hub", hub, "run", "--interval", "1s", "--iterations", "600");
    try {
      Properties lock = waitForServer(run.process());
      int port = Integer.parseInt(lock.getProperty("server").replaceAll(".*:", ""));
      String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + lock.getProperty("id");

      List<InetAddress> others = nonLoopbackAddresses();
      assertThat(others).as("this machine has a non-loopback address to try").isNotEmpty();
      for (InetAddress a : others) {
        assertThatThrownBy(() -> {
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a, port), 2000);
              }
            })
            .as("connect from %s", a)
            .isInstanceOf(ConnectException.class);
      }
      assertThatThrownBy(() -> DriverManager.getConnection(url, "", "").close())
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
      assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
          .isInstanceOf(SQLException.class);
      String key = Files.readString(home.resolve("store.key")).strip();
      try (Connection c = DriverManager.getConnection(url, "", key)) {
        assertThat(c.isValid(5)).as("the owner, with the key, gets in").isTrue();
      }

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(home)) {
        for (Path f : files.toList()) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
              .as(f.toString())
              .isEqualTo("rw-------");
        }
      }
    } finally {
      run.process().destroy();
      run.process().waitFor();
    }
  }
}
