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
  private final PrintWriter rawOut;
  private final PrintWriter err;
  private final CliHome home;
  private String hubOption;
  private boolean json;
  private Properties config;
  private PantahubClient pantahub;
  private StateDatabase database;
  private FleetClient fleet;
  private boolean homeChecked;
  private boolean longRunning;

  CliSession(CliEnvironment env, PrintWriter out, PrintWriter err) {
    this.env = env;
    this.rawOut = out;
    this.out = new PrintWriter(new TerminalWriter(out), true);
    this.err = new PrintWriter(new TerminalWriter(err), true);
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

  /**
   * Marks this run as long-running ({@code run}, {@code --watch}): it holds the database for a long
   * time and serves it to other CLI processes instead of taking turns with them ({@link StateQueue}).
   * Call before the store is opened.
   */
  void longRunning() {
    this.longRunning = true;
  }

  /** Whether {@code --json} was given: print machine-readable JSON instead of the text lines. */
  boolean json() {
    return json;
  }

  /** The hub this run talks to (see the class comment for precedence). */
  URI hub() {
    String url = hubOption;
    String from = "--hub";
    if (url == null || url.isBlank()) {
      url = env.env().get(HUB_ENV);
      from = "$" + HUB_ENV;
    }
    if (url == null || url.isBlank()) {
      url = config().getProperty("hub");
      from = null;
    }
    if (url == null || url.isBlank()) {
      return PantahubClient.DEFAULT_BASE_URI;
    }
    try {
      URI uri = URI.create(url.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      if (from == null) {
        throw new FleetException(
            "The hub '" + TerminalText.echo(url) + "' saved in " + home.dir().resolve(CONFIG_FILE)
                + " is not an http(s) URL; log in again with the right one (bigger-fleet --hub https://api.pantahub.com"
                + " login <user>) or correct the hub= line of that file");
      }
      throw new InvalidInputException("Hub URL '" + TerminalText.echo(url) + "' (" + from
          + ") is not an http(s) URL like https://api.pantahub.com");
    }
  }

  /** The key of {@link #hub()} in the token file (the URL without a trailing slash, as the client uses). */
  String hubKey() {
    String s = hub().toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Whether the token file holds a token for {@link #hub()}.
   *
   * @throws FleetException naming the file and how to replace it when it is damaged or unreadable
   */
  boolean loggedIn() {
    try {
      return tokens().load(hubKey()).isPresent();
    } catch (FleetException e) {
      throw new FleetException(
          e.getMessage() + ". Log in again to replace it: bigger-fleet login <user>", e);
    }
  }

  /** Fails with the one line that tells the user to log in, unless a token for the hub is on file. */
  void requireLogin() {
    if (!loggedIn()) {
      throw new io.biggerfleet.FleetException(
          "Not logged in to " + hubKey() + ": run 'bigger-fleet login <user>'"
              + " (e.g. bigger-fleet login prn::pantahub.com:auth/user1)");
    }
  }

  /**
   * The remote check a command does before it writes: the hub still accepts the login
   * ({@code GET /auth/auth_status}). A refused login fails here, before anything is stored; a hub
   * that cannot be reached does not (the engine sends what is due when it can).
   *
   * @throws io.biggerfleet.pantahub.PantahubUnauthorizedException if the hub refuses the token
   */
  void requireHubLogin() {
    requireLogin();
    try {
      pantahub().auth().status();
    } catch (io.biggerfleet.pantahub.PantahubUnauthorizedException e) {
      throw e;
    } catch (FleetException e) {
      err.println("bigger-fleet: warning: could not check the login with " + hubKey() + ": "
          + TerminalText.message(e.getMessage()));
    }
  }

  /**
   * Refreshes the hub token if it expires within {@code ahead} ({@code run} calls this while idle);
   * a hub that cannot be reached or refuses is one warning line, and the next call tries again.
   */
  void keepLoginAlive(java.time.Duration ahead) {
    try {
      pantahub().auth().currentToken(ahead);
    } catch (FleetException e) {
      err.println("bigger-fleet: warning: could not refresh the login with " + hubKey() + ": "
          + TerminalText.message(e.getMessage()));
    }
  }

  /**
   * Removes the hub's token from the token file; returns whether there was one. A damaged token file
   * cannot be edited: it is moved aside ({@code tokens.json.damaged}, still owner-only) with a note, so
   * that login can write a new one.
   */
  boolean forgetToken() {
    FileTokenStore tokens = tokens();
    try {
      boolean had = tokens.load(hubKey()).isPresent();
      tokens.remove(hubKey());
      return had;
    } catch (FleetException e) {
      Path file = tokens.file();
      Path aside = file.resolveSibling(file.getFileName() + ".damaged");
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException io) {
        throw new FleetException(
            e.getMessage() + ", and it could not be moved aside ("
                + io.getClass().getSimpleName() + "); delete it and log in again",
            e);
      }
      err.println(
          "bigger-fleet: note: " + TerminalText.message(e.getMessage()) + "; moved it to " + aside);
      return true;
    }
  }

  /** The saved config (empty until the first login). */
  Properties config() {
    if (config == null) {
      Properties loaded = new Properties();
      Path file = home.dir().resolve(CONFIG_FILE);
      if (Files.exists(file)) {
        checkHome();
        try (InputStream in = Files.newInputStream(file)) {
          loaded.load(
              new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          throw new FleetException(
              "Cannot read " + file + " (" + e.getClass().getSimpleName() + "); check its "
                  + "permissions, or delete it and log in again (bigger-fleet login <user>)",
              e);
        } catch (IllegalArgumentException e) {
          throw new FleetException(
              file + " is damaged (" + TerminalText.echo(String.valueOf(e.getMessage()))
                  + "); correct it, or delete it and log in again (bigger-fleet login <user>)",
              e);
        }
      }
      config = loaded;
    }
    return config;
  }

  /**
   * The state folder, created owner-only if missing; an existing folder open to others is made
   * owner-only (once per run, with a note on stderr).
   */
  Path stateDir() {
    Path dir = home.ensure();
    checkHome();
    return dir;
  }

  private void checkHome() {
    if (!homeChecked) {
      homeChecked = true;
      StateFolderPermissions.tightenFolder(home.dir())
          .ifPresent(was -> err.println("bigger-fleet: note: made the " + "state folder " + home
              + " owner-only (rwx------; it was " + was + ")"));
    }
  }

  /** Sets a config value and writes the file (atomically, owner-only folder). */
  void saveConfig(String key, String value) {
    config().setProperty(key, value);
    Path dir = stateDir();
    Path file = dir.resolve(CONFIG_FILE);
    try {
      Path tmp = Files.createTempFile(dir, CONFIG_FILE, ".tmp");
      try (OutputStream o = Files.newOutputStream(tmp)) {
        config.store(o, "bigger-fleet");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw StateProblem.notWritable(dir, e);
    }
  }

  /** The owner-only token file in the state folder. */
  FileTokenStore tokens() {
    if (Files.isDirectory(home.dir())) {
      checkHome();
    }
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
   * The H2 store in the state folder, opened (and migrated) on first use; see {@link StateDatabase}
   * for how it is shared between processes and kept from other users.
   */
  JdbcFleetStore store() {
    if (database == null) {
      database = StateDatabase.open(stateDir(), env.clock(), !longRunning);
    }
    return database.store();
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
      rawOut.println(JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void close() {
    out.flush();
    err.flush();
    if (database != null) {
      database.close();
    }
  }
}
