package io.biggerfleet.rollout;

import io.biggerfleet.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What guards one step besides its success criteria: whether it needs an operator's approval before
 * it starts ({@code approve=true}, or {@code approve=alice,bob} to name who may approve), and its
 * {@link AbortRule abort rules} ({@code abort="failed>5% status=ERROR after=20"}). {@link #none()} for a
 * step with neither.
 *
 * <p>Immutable and thread-safe. Changed copies come from the {@code with...} methods.
 */
public final class StepGuards {
  private static final StepGuards NONE = new StepGuards(false, List.of(), List.of());

  private final boolean approval;
  private final List<String> approvers;
  private final List<AbortRule> abortRules;

  private StepGuards(boolean approval, List<String> approvers, List<AbortRule> abortRules) {
    this.approval = approval;
    this.approvers = List.copyOf(approvers);
    this.abortRules = List.copyOf(abortRules);
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
      if (s.isEmpty() || !s.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "._-@".indexOf(c) >= 0))) {
        throw new InvalidInputException("approve: expected true, false or a comma-separated list of user names "
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
    return approvers == null ? new StepGuards(false, List.of(), abortRules) : new StepGuards(true, approvers,
        abortRules);
  }

  public StepGuards withAbortRules(List<AbortRule> rules) {
    return new StepGuards(approval, approvers, Objects.requireNonNull(rules, "abort rules"));
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
    return g.approval == approval && g.approvers.equals(approvers) && g.abortRules.equals(abortRules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(approval, approvers, abortRules);
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
    return String.join(", ", parts);
  }
}
