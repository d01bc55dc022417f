package io.biggerfleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.biggerfleet.FleetClient;
import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.jdbc.JdbcFleetStore;
import io.biggerfleet.pantahub.FileTokenStore;
import io.biggerfleet.pantahub.PantahubClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Everything one CLI invocation works with, opened lazily and closed at the end of the run: the state
 * folder, its config ({@code config.properties}: hub, user), the owner-only token file
 * ({@code tokens.json}), the H2 store ({@code fleet.mv.db}), the Pantahub client and the
 * {@link FleetClient} over them. The global options {@code --hub} and {@code --json} land here.
 *
 * <p>Hub precedence: {@code --hub}, then {@code $BIGGER_FLEET_HUB}, then the hub saved at login, then
 * the public Pantahub ({@link PantahubClient#DEFAULT_BASE_URI}).
 *
 * <p>One per run, used by one thread. Never prints or stores a secret anywhere but the token file.
 */
final class CliSession implements AutoCloseable {
  static final String HUB_ENV = "BIGGER_FLEET_HUB";
  static final String CONFIG_FILE = "config.properties";
  static final String TOKEN_FILE = "tokens.json";
  static final String STORE_FILE = "fleet";

  private final CliEnvironment env;
  private final PrintWriter out;
  private final PrintWriter err;
  private final CliHome home;
  private String hubOption;
  private boolean json;
  private Properties config;
  private PantahubClient pantahub;
  private JdbcFleetStore store;
  private com.zaxxer.hikari.HikariDataSource pool;
  private FleetClient fleet;

  CliSession(CliEnvironment env, PrintWriter out, PrintWriter err) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.home = CliHome.from(env.env());
  }

  CliEnvironment env() {
    return env;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  CliHome home() {
    return home;
  }

  void hubOption(String url) {
    this.hubOption = url;
  }

  void json(boolean on) {
    this.json = on;
  }

  /** Whether {@code --json} was given: print machine-readable JSON instead of the text lines. */
  boolean json() {
    return json;
  }

  /** The hub this run talks to (see the class comment for precedence). */
  URI hub() {
    String url = hubOption;
    if (url == null || url.isBlank()) {
      url = env.env().get(HUB_ENV);
    }
    if (url == null || url.isBlank()) {
      url = config().getProperty("hub");
    }
    if (url == null || url.isBlank()) {
      return PantahubClient.DEFAULT_BASE_URI;
    }
    try {
      URI uri = URI.create(url.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Hub URL '" + url + "' is not an http(s) URL like https://api.pantahub.com");
    }
  }

  /** The key of {@link #hub()} in the token file (the URL without a trailing slash, as the client uses). */
  String hubKey() {
    String s = hub().toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Whether the token file holds a token for {@link #hub()}. */
  boolean loggedIn() {
    return tokens().load(hubKey()).isPresent();
  }

  /** Fails with the one line that tells the user to log in, unless a token for the hub is on file. */
  void requireLogin() {
    if (!loggedIn()) {
      throw new io.biggerfleet.FleetException("Not logged in to " + hubKey() + ": run 'bigger-fleet login <user>'"
          + " (e.g. bigger-fleet login prn::pantahub.com:auth/user1)");
    }
  }

  /** The saved config (empty until the first login). */
  Properties config() {
    if (config == null) {
      config = new Properties();
      Path file = home.dir().resolve(CONFIG_FILE);
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          config.load(in);
        } catch (IOException e) {
          throw new FleetException("Cannot read " + file + ": " + e.getMessage(), e);
        }
      }
    }
    return config;
  }

  /** Sets a config value and writes the file (atomically, owner-only folder). */
  void saveConfig(String key, String value) {
    config().setProperty(key, value);
    Path dir = home.ensure();
    Path file = dir.resolve(CONFIG_FILE);
    try {
      Path tmp = Files.createTempFile(dir, CONFIG_FILE, ".tmp");
      try (OutputStream o = Files.newOutputStream(tmp)) {
        config.store(o, "bigger-fleet");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new FleetException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The owner-only token file in the state folder. */
  FileTokenStore tokens() {
    return FileTokenStore.at(home.dir().resolve(TOKEN_FILE));
  }

  /** A builder for a Pantahub client for {@link #hub()} with the token file and the run's clock. */
  PantahubClient.Builder pantahubBuilder() {
    return PantahubClient.builder().baseUri(hub()).tokenStore(tokens()).clock(env.clock());
  }

  /** The Pantahub client for this run (token from the token file). */
  PantahubClient pantahub() {
    if (pantahub == null) {
      pantahub = pantahubBuilder().build();
    }
    return pantahub;
  }

  /**
   * The H2 store in the state folder, opened (and migrated) on first use. H2's automatic mixed mode
   * ({@code AUTO_SERVER}) lets several processes use it at once — a {@code bigger-fleet run}
   * reconciler in one terminal and commands in another: the first process serves the file to the others
   * over a loopback port.
   */
  JdbcFleetStore store() {
    if (store == null) {
      Path file = home.ensure().resolve(STORE_FILE).toAbsolutePath();
      if (file.toString().indexOf(';') >= 0) {
        throw new InvalidInputException("State folder '" + home + "' contains ';', which H2 does not allow in a path");
      }
      com.zaxxer.hikari.HikariConfig cfg = new com.zaxxer.hikari.HikariConfig();
      cfg.setJdbcUrl("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000");
      cfg.setMaximumPoolSize(4);
      cfg.setPoolName("bigger-fleet-cli");
      pool = new com.zaxxer.hikari.HikariDataSource(cfg);
      try {
        store = JdbcFleetStore.dataSource(pool).clock(env.clock()).open();
      } catch (RuntimeException e) {
        pool.close();
        pool = null;
        throw e;
      }
    }
    return store;
  }

  /** The fleet: the store, the hub's registry and trails, the run's clock; the actor is the user. */
  FleetClient fleet() {
    if (fleet == null) {
      requireLogin();
      PantahubClient hub = pantahub();
      String user = config().getProperty("user", "cli");
      fleet = FleetClient.builder()
          .store(store())
          .registry(hub.devices())
          .trails(hub.trails())
          .clock(env.clock())
          .actor(user)
          .build();
      advanceRollouts();
    }
    return fleet;
  }

  /**
   * Lets the rollout engine do whatever is due now (post steps, read progress, decide gates). Every
   * command that opens the fleet does this first, so rollouts move on whenever the CLI is used; a hub
   * that cannot be reached only delays that, with one warning line.
   */
  void advanceRollouts() {
    try {
      fleet.rollouts().tick();
    } catch (FleetException e) {
      err.println("bigger-fleet: warning: rollouts not advanced: " + e.getMessage());
    }
  }

  /**
   * Prints {@code value} as pretty JSON. Commands pass maps and lists they shape themselves (strings,
   * numbers, booleans; times as ISO-8601 strings), so the JSON is a stable contract of the CLI and not
   * a dump of internal types.
   */
  void printJson(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
    if (pool != null) {
      pool.close();
    }
  }
}
