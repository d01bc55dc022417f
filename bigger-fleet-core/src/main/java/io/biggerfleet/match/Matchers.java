package io.biggerfleet.match;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.biggerfleet.match.internal.ExpressionCompiler;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Compiles match expressions into {@link Matcher}s, caching them by source text.
 *
 * <pre>{@code
 * Matcher m = Matchers.standard().compile("Manufacturer==\"Cisco\" Model==\"121XPs\"");
 * boolean in = m.matches(device);
 * }</pre>
 *
 * <p>Options (clock for {@code age(..)}, cache size, limits) are set with {@link #builder()}; an
 * instance is immutable, and {@link #newBuilder()} derives a changed copy (with its own cache).
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; the cache is shared. <b>Errors:</b>
 * {@link #compile(String)} throws {@link MatchSyntaxException} (an
 * {@link io.biggerfleet.InvalidInputException}) listing every problem found, with line, column and a
 * caret; failures are not cached.
 */
public final class Matchers {
  /** Default longest expression, in characters. */
  public static final int DEFAULT_MAX_LENGTH = 4096;
  /** Default deepest nesting of parentheses, lists and {@code not}s. */
  public static final int DEFAULT_MAX_DEPTH = 32;
  /** Default most issues reported for one expression. */
  public static final int DEFAULT_MAX_ERRORS = 10;
  /** Default number of compiled expressions kept. */
  public static final int DEFAULT_CACHE_SIZE = 10_000;
  /** Longest literal (string content, bare word, glob or regex), in UTF-16 chars. Fixed. */
  public static final int MAX_LITERAL_LENGTH = 4096;
  /** Most elements in one list ({@code in [..]}, {@code contains [..]}). Fixed. */
  public static final int MAX_LIST_SIZE = 10_000;
  /** Largest regular expression, in RE2/J program instructions ({@code Pattern.programSize()}). Fixed. */
  public static final int MAX_REGEX_PROGRAM_SIZE = 500;
  /** Most repetitions of counted repeats ({@code {n,m}}) in a regex, multiplied through their nesting. Fixed. */
  public static final int MAX_REGEX_REPEAT = 1000;
  /** Deepest nesting of groups in a regex. Fixed. */
  public static final int MAX_REGEX_GROUP_DEPTH = 100;

  private static final Matchers STANDARD = builder().build();

  private final Clock clock;
  private final int maxLength;
  private final int maxDepth;
  private final int maxErrors;
  private final int cacheSize;
  private final ExpressionCompiler compiler;
  private final Cache<String, Matcher> cache;

  private Matchers(Builder b) {
    this.clock = b.clock;
    this.maxLength = b.maxLength;
    this.maxDepth = b.maxDepth;
    this.maxErrors = b.maxErrors;
    this.cacheSize = b.cacheSize;
    this.compiler = new ExpressionCompiler(clock, maxLength, maxDepth, maxErrors);
    // Maintenance on the calling thread: no background work from a library, deterministic in tests.
    this.cache =
        Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
  }

  /** The shared instance with default options and the system UTC clock. */
  public static Matchers standard() {
    return STANDARD;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this instance's options. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.clock = clock;
    b.maxLength = maxLength;
    b.maxDepth = maxDepth;
    b.maxErrors = maxErrors;
    b.cacheSize = cacheSize;
    return b;
  }

  /**
   * Compiles {@code expression}, or returns the cached matcher for the same text.
   *
   * @throws MatchSyntaxException listing every problem found (at most the configured number)
   * @throws NullPointerException if {@code expression} is null
   */
  public Matcher compile(String expression) {
    Objects.requireNonNull(expression, "expression");
    Matcher m = cache.getIfPresent(expression);
    if (m == null) {
      m = compiler.compile(expression);
      cache.put(expression, m);
    }
    return m;
  }

  /**
   * Compiles terms given as separate arguments (as the CLI receives {@code Manufacturer=="Cisco"
   * Model=="121XPs"}): they are joined with single spaces, so side-by-side terms mean {@code and}.
   *
   * @throws MatchSyntaxException listing every problem found
   */
  public Matcher compile(List<String> terms) {
    Objects.requireNonNull(terms, "terms");
    return compile(String.join(" ", terms));
  }

  /**
   * Checks {@code expression} without caching it.
   *
   * @throws MatchSyntaxException listing every problem found
   */
  public void check(String expression) {
    Objects.requireNonNull(expression, "expression");
    if (cache.getIfPresent(expression) == null) {
      compiler.compile(expression);
    }
  }

  /** Options for {@link Matchers}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int maxLength = DEFAULT_MAX_LENGTH;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxErrors = DEFAULT_MAX_ERRORS;
    private int cacheSize = DEFAULT_CACHE_SIZE;

    private Builder() {}

    /** The clock {@code age(..)} terms read; inject a {@link io.biggerfleet.ManualClock} in tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Longest accepted expression in characters, 1 to 1,000,000. */
    public Builder maxLength(int maxLength) {
      this.maxLength = check("maxLength", maxLength, 1, 1_000_000);
      return this;
    }

    /** Deepest accepted nesting of parentheses, lists and {@code not}s, 1 to 200. */
    public Builder maxDepth(int maxDepth) {
      this.maxDepth = check("maxDepth", maxDepth, 1, 200);
      return this;
    }

    /** Most issues reported for one expression, 1 to 1,000. */
    public Builder maxErrors(int maxErrors) {
      this.maxErrors = check("maxErrors", maxErrors, 1, 1000);
      return this;
    }

    /** How many compiled matchers to keep, 0 (no cache) to 10,000,000. */
    public Builder cacheSize(int cacheSize) {
      this.cacheSize = check("cacheSize", cacheSize, 0, 10_000_000);
      return this;
    }

    private static int check(String what, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            what + " must be from " + min + " to " + max + ", got " + v);
      }
      return v;
    }

    public Matchers build() {
      return new Matchers(this);
    }
  }
}
