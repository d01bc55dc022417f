package io.biggerfleet.group;

import io.biggerfleet.model.Group;
import java.util.List;
import java.util.Objects;

/**
 * What adding a group or changing its expression did: the group as stored and how many devices it has
 * now out of its parent's. {@link #lines()} are the CLI's output:
 *
 * <pre>
 * Adding Group "/co/cisco/121XPs" (refining /).
 * Currently 4 out of 11 matches..
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class GroupUpdate {
  /** Whether the group was added or had its expression changed. */
  public enum Kind {
    ADDED,
    CHANGED
  }

  private final Kind kind;
  private final Group group;
  private final long members;
  private final long parentMembers;

  /** An update result; {@code members} must not exceed {@code parentMembers}. */
  public GroupUpdate(Kind kind, Group group, long members, long parentMembers) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.group = Objects.requireNonNull(group, "group");
    if (members < 0 || members > parentMembers) {
      throw new IllegalArgumentException(
          "members must be from 0 to " + parentMembers + ", was " + members);
    }
    this.members = members;
    this.parentMembers = parentMembers;
  }

  public Kind kind() {
    return kind;
  }

  /** The group as stored. */
  public Group group() {
    return group;
  }

  /** Devices in the group now. */
  public long members() {
    return members;
  }

  /** Devices in the parent group now ({@code /}: every device of the fleet). */
  public long parentMembers() {
    return parentMembers;
  }

  /** The two output lines, as in the walkthrough. */
  public List<String> lines() {
    String verb = kind == Kind.ADDED ? "Adding" : "Changed";
    return List.of(
        verb + " Group \"" + group.path() + "\" (refining " + group.parent() + ").",
        "Currently " + members + " out of " + parentMembers + " matches..");
  }

  /** {@link #lines()} joined with newlines. */
  @Override
  public String toString() {
    return String.join("\n", lines());
  }
}
