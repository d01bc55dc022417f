package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What guards one step besides its success criteria: whether it needs an operator's approval before
 * it starts ({@code approve=true}, or {@code approve=alice,bob} to name who may approve), and its
 * {@link AbortRule abort rules} ({@code abort="failed>5% status=ERROR after=20"}), and its health gate
 * (a {@code soak=2h}, named {@code HealthCheck}s). {@link #none()} for a step with none.
 *
 * <p>Immutable and thread-safe. Changed copies come from the {@code with...} methods.
 */
public final class StepGuards {
  private static final StepGuards NONE =
      new StepGuards(false, List.of(), List.of(), null, List.of(), null);

  private final boolean approval;
  private final List<String> approvers;
  private final List<AbortRule> abortRules;
  private final Duration soak;
  private final List<String> healthChecks;
  private final java.util.regex.Pattern logsFail;

  private StepGuards(
      boolean approval,
      List<String> approvers,
      List<AbortRule> abortRules,
      Duration soak,
      List<String> healthChecks,
      java.util.regex.Pattern logsFail) {
    this.logsFail = logsFail;
    this.approval = approval;
    this.approvers = List.copyOf(approvers);
    this.abortRules = List.copyOf(abortRules);
    this.soak = soak;
    this.healthChecks = List.copyOf(healthChecks);
  }

  /**
   * {@link #parse(String, String)} plus the health gate: {@code soak} a duration ({@code 2h}), {@code
   * health} a comma-separated list of health checks registered with {@code Rollouts.healthCheck}.
   */
  public static StepGuards parse(String approve, String abort, String soak, String health) {
    return parse(approve, abort, soak, health, null);
  }

  /** {@link #parse(String, String, String, String)} plus {@code logs-fail}, see {@link #withLogsFail}. */
  public static StepGuards parse(
      String approve, String abort, String soak, String health, String logsFail) {
    StepGuards g = parse(approve, abort).withLogsFail(logsFail);
    if (soak != null) {
      g = g.withSoak(Durations.parse("soak", soak));
    }
    if (health != null) {
      List<String> names = new ArrayList<>();
      for (String n : health.split(",", -1)) {
        String t = n.strip();
        if (t.isEmpty()
            || !t.chars()
                .allMatch(
                    c -> c < 128 && (Character.isLetterOrDigit(c) || "._-".indexOf(c) >= 0))) {
          throw new InvalidInputException(
              "health: expected a comma-separated list of health check names "
                  + "(letters, digits, . _ -), was '" + health + "'");
        }
        names.add(t);
      }
      g = g.withHealthChecks(names);
    }
    return g;
  }

  /** No approval, no abort rules. */
  public static StepGuards none() {
    return NONE;
  }

  /**
   * Parses the step options as the CLI takes them; {@code null} leaves a guard out.
   *
   * @param approve {@code true}, {@code false}, or a comma-separated list of who may approve
   * @param abort abort rules, see {@link AbortRule#parseAll}
   * @throws InvalidInputException naming the option (and, for {@code abort}, the column)
   */
  public static StepGuards parse(String approve, String abort) {
    StepGuards g = NONE;
    if (approve != null) {
      g = g.withApproval(parseApprovers(approve));
    }
    if (abort != null) {
      g = g.withAbortRules(AbortRule.parseAll(abort));
    }
    return g;
  }

  /**
   * {@code true} → anyone may approve (empty list); {@code false} → {@code null} (no approval); names →
   * those names.
   */
  private static List<String> parseApprovers(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("false") || t.equalsIgnoreCase("no")) {
      return null;
    }
    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("yes")) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String n : t.split(",", -1)) {
      String s = n.strip();
      if (s.isEmpty()
          || !s.chars()
              .allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "._-@".indexOf(c) >= 0))) {
        throw new InvalidInputException(
            "approve: expected true, false or a comma-separated list of user names "
                + "(letters, digits, . _ - @), was '" + text + "'");
      }
      names.add(s);
    }
    return names;
  }

  /**
   * Requires approval before the step starts; {@code approvers} names who may approve (empty: anyone),
   * {@code null} removes the requirement.
   */
  public StepGuards withApproval(List<String> approvers) {
    return approvers == null
        ? new StepGuards(false, List.of(), abortRules, soak, healthChecks, logsFail)
        : new StepGuards(true, approvers, abortRules, soak, healthChecks, logsFail);
  }

  public StepGuards withAbortRules(List<AbortRule> rules) {
    return new StepGuards(
        approval,
        approvers,
        Objects.requireNonNull(rules, "abort rules"),
        soak,
        healthChecks,
        logsFail);
  }

  /**
   * Soaks the step before its gate passes: devices that reported success must still be seen and run
   * the new revision {@code d} after the criteria passed; {@code null} or zero for no soak.
   *
   * @throws InvalidInputException if {@code d} is negative or longer than {@link Durations#MAX}
   */
  public StepGuards withSoak(Duration d) {
    if (d != null && (d.isNegative() || d.compareTo(Durations.MAX) > 0)) {
      throw new InvalidInputException("soak must be between 0s and "
          + Durations.format(Durations.MAX) + ", was " + Durations.format(d.abs()));
    }
    return new StepGuards(
        approval,
        approvers,
        abortRules,
        d == null || d.isZero() ? null : d,
        healthChecks,
        logsFail);
  }

  /** Health checks (by registered name) the step's gate asks besides the soak. */
  public StepGuards withHealthChecks(List<String> names) {
    return new StepGuards(
        approval,
        approvers,
        abortRules,
        soak,
        Objects.requireNonNull(names, "health checks"),
        logsFail);
  }

  /**
   * Fails devices whose error log for their new revision matches {@code regex} (case-insensitive), e.g.
   * {@code segfault|panic}; {@code null} or blank for none.
   *
   * @throws InvalidInputException {@code logs-fail: bad pattern ...} naming the column
   */
  public StepGuards withLogsFail(String regex) {
    java.util.regex.Pattern p = null;
    if (regex != null && !regex.isBlank()) {
      try {
        p = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE);
      } catch (java.util.regex.PatternSyntaxException e) {
        int col = Math.max(0, e.getIndex());
        throw new InvalidInputException(
            "logs-fail: bad pattern: " + e.getDescription() + " (column " + (col + 1) + ")\n  "
                + regex + "\n  " + " ".repeat(Math.min(col, regex.length())) + "^");
      }
    }
    return new StepGuards(approval, approvers, abortRules, soak, healthChecks, p);
  }

  /** The log pattern that fails a device at the health gate, as written. */
  public java.util.Optional<String> logsFail() {
    return java.util.Optional.ofNullable(logsFail).map(java.util.regex.Pattern::pattern);
  }

  /** True if {@code line} of a device's error log matches {@link #logsFail()}. */
  public boolean logLineFails(String line) {
    return logsFail != null && logsFail.matcher(line).find();
  }

  /** The soak time, if the step soaks. */
  public java.util.Optional<Duration> soak() {
    return java.util.Optional.ofNullable(soak);
  }

  /** Names of the registered health checks the step's gate asks. */
  public List<String> healthChecks() {
    return healthChecks;
  }

  /** True if the gate has a health phase (a soak or named checks). */
  public boolean hasHealthGate() {
    return soak != null || !healthChecks.isEmpty() || logsFail != null;
  }

  /** True if the step waits in AWAITING_APPROVAL until someone approves it. */
  public boolean needsApproval() {
    return approval;
  }

  /** Who may approve; empty means anyone with access to the fleet. */
  public List<String> approvers() {
    return approvers;
  }

  /** True if {@code who} may approve this step. */
  public boolean mayApprove(String who) {
    return approvers.isEmpty() || approvers.stream().anyMatch(a -> a.equalsIgnoreCase(who));
  }

  /** Who may approve, for status lines: {@code anyone} or {@code alice, bob}. */
  public String approversText() {
    return approvers.isEmpty() ? "anyone" : String.join(", ", approvers);
  }

  public List<AbortRule> abortRules() {
    return abortRules;
  }

  /** True for {@link #none()}. */
  public boolean isNone() {
    return equals(NONE);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StepGuards)) {
      return false;
    }
    StepGuards g = (StepGuards) o;
    return g.approval == approval
        && g.approvers.equals(approvers)
        && g.abortRules.equals(abortRules)
        && Objects.equals(g.soak, soak)
        && g.healthChecks.equals(healthChecks)
        && g.logsFail().equals(logsFail());
  }

  @Override
  public int hashCode() {
    return Objects.hash(approval, approvers, abortRules, soak, healthChecks, logsFail());
  }

  /** {@code approve: anyone, abort: failed>5%}, or empty for {@link #none()}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (approval) {
      parts.add("approve: " + approversText());
    }
    if (!abortRules.isEmpty()) {
      parts.add("abort: " + AbortRule.format(abortRules));
    }
    if (soak != null) {
      parts.add("soak: " + Durations.format(soak));
    }
    if (!healthChecks.isEmpty()) {
      parts.add("health: " + String.join(",", healthChecks));
    }
    if (logsFail != null) {
      parts.add("logs-fail: " + logsFail.pattern());
    }
    return String.join(", ", parts);
  }
}
