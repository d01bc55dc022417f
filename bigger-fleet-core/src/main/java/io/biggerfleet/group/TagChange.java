package io.biggerfleet.group;

import io.biggerfleet.device.DeviceId;
import java.util.List;
import java.util.Objects;

/**
 * What {@code tags add|remove <selector> <tag>} did: the devices the selector selected and the ones
 * whose tags actually changed (the command is idempotent: a device that already had the tag, or never
 * had it, is selected but not changed). {@link #message()} is the CLI's output line.
 *
 * <p>Immutable and thread-safe.
 */
public final class TagChange {
  private final String tag;
  private final boolean added;
  private final int selected;
  private final List<DeviceId> changed;

  /** A result; {@code changed} sorted, at most {@code selected} long. */
  public TagChange(String tag, boolean added, int selected, List<DeviceId> changed) {
    this.tag = Objects.requireNonNull(tag, "tag");
    this.added = added;
    this.selected = selected;
    this.changed = List.copyOf(changed);
    if (this.changed.size() > selected) {
      throw new IllegalArgumentException(
          "changed (" + this.changed.size() + ") exceeds selected (" + selected + ")");
    }
  }

  public String tag() {
    return tag;
  }

  /** True for {@code tags add}, false for {@code tags remove}. */
  public boolean added() {
    return added;
  }

  /** Devices the selector selected. */
  public int selected() {
    return selected;
  }

  /** Devices whose tags changed, sorted by id. */
  public List<DeviceId> changed() {
    return changed;
  }

  /**
   * The output line: {@code Tag "conservative" added to DEVICEID-5@cisco.com.}, {@code Tag "x" added to
   * 3 devices.}, {@code Tag "x" was already on all 2 selected devices.}, {@code Removed tag
   * "conservative" from 1 device.}
   */
  public String message() {
    String q = "\"" + tag + "\"";
    int n = changed.size();
    if (!added) {
      return "Removed tag " + q + " from " + n + (n == 1 ? " device." : " devices.");
    }
    if (n == 1) {
      return "Tag " + q + " added to " + changed.get(0) + ".";
    }
    if (n == 0 && selected > 0) {
      return "Tag " + q + " was already on all " + selected
          + (selected == 1 ? " selected device." : " selected devices.");
    }
    return "Tag " + q + " added to " + n + " devices.";
  }

  @Override
  public String toString() {
    return message();
  }
}
