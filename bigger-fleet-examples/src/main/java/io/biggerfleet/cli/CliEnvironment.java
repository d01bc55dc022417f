package io.biggerfleet.cli;

import io.biggerfleet.pantahub.Sleeper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a run of the CLI gets from the world outside its arguments: environment variables, the clock,
 * standard input and a "browser" that is handed the URLs the user is asked to open. {@code main} uses the
 * real ones; tests and the demo inject a fixed environment, a manual clock (so rollouts move in
 * simulated time), a scripted browser that answers the hub's consent page, and a {@link Sleeper} that
 * advances simulated time instead of waiting.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}. Never holds a secret.
 */
public final class CliEnvironment {
  private final Map<String, String> env;
  private final Clock clock;
  private final Consumer<URI> browser;
  private final Reader in;
  private final Sleeper sleeper;

  private CliEnvironment(Builder b) {
    this.env = Map.copyOf(b.env);
    this.clock = b.clock;
    this.browser = b.browser;
    this.in = b.in;
    this.sleeper = b.sleeper;
  }

  /** The real environment: {@code System.getenv()}, the system clock, {@code System.in}, no browser. */
  public static CliEnvironment system() {
    return builder().env(System.getenv()).build();
  }

  /** A builder starting from an empty environment, the system UTC clock, empty input and no browser. */
  public static Builder builder() {
    return new Builder();
  }

  /** Environment variables ({@code BIGGER_FLEET_HOME}, {@code BIGGER_FLEET_HUB}, ...). */
  public Map<String, String> env() {
    return env;
  }

  /** The clock every command reads time from. */
  public Clock clock() {
    return clock;
  }

  /**
   * Called with each URL the CLI asks the user to open (login, device selection), after the URL was
   * printed. The default does nothing: the user opens it.
   */
  public Consumer<URI> browser() {
    return browser;
  }

  /** Standard input (for a password typed at the prompt). */
  public Reader in() {
    return in;
  }

  /**
   * How commands wait between refreshes ({@code rollouts NAME --watch}); default real sleeping. The demo
   * and tests inject one that advances their simulated clock instead.
   */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** A builder with this environment's settings. */
  public Builder newBuilder() {
    return new Builder().env(env).clock(clock).browser(browser).in(in).sleeper(sleeper);
  }

  /** Builds a {@link CliEnvironment}. Not thread-safe. */
  public static final class Builder {
    private Map<String, String> env = Map.of();
    private Clock clock = Clock.systemUTC();
    private Consumer<URI> browser = url -> {};
    private Reader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /** Environment variables; default none. */
    public Builder env(Map<String, String> vars) {
      this.env = Objects.requireNonNull(vars, "environment");
      return this;
    }

    /** The clock; default the system UTC clock. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Receives each URL the user is asked to open; default none. */
    public Builder browser(Consumer<URI> b) {
      this.browser = Objects.requireNonNull(b, "browser");
      return this;
    }

    /** Standard input; default {@code System.in}. */
    public Builder in(Reader r) {
      this.in = Objects.requireNonNull(r, "input");
      return this;
    }

    /** How commands wait between refreshes; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    public CliEnvironment build() {
      return new CliEnvironment(this);
    }
  }
}
