package io.biggerfleet.group;

import io.biggerfleet.device.DeviceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * What {@code ls <path>} shows: one {@link Entry} per (group, device) for every group at or below the
 * path — a device in several groups appears once per group path — then {@code Found N devices}, where
 * N counts distinct devices.
 *
 * <pre>
 * /co/cisco/121XPs/DEVICEID-5@cisco.com canary,conservative
 * /co/cisco/121XPs/DEVICEID-2@cisco.com -
 * Found 2 devices
 * </pre>
 *
 * <p>Entries are sorted by group path, then device id. Immutable and thread-safe.
 */
public final class Listing {
  private final GroupPath path;
  private final List<Entry> entries;
  private final long deviceCount;

  /** A listing of {@code path}; {@code deviceCount} is the number of distinct devices in the entries. */
  public Listing(GroupPath path, List<Entry> entries, long deviceCount) {
    this.path = Objects.requireNonNull(path, "path");
    this.entries = List.copyOf(entries);
    this.deviceCount = deviceCount;
  }

  /** The path listed. */
  public GroupPath path() {
    return path;
  }

  /** One entry per group and device, in output order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Distinct devices listed. */
  public long deviceCount() {
    return deviceCount;
  }

  /** {@code Found N devices} ({@code Found 1 device} for one). */
  public String summary() {
    return "Found " + deviceCount + (deviceCount == 1 ? " device" : " devices");
  }

  /** Every entry line, then the summary. */
  public List<String> lines() {
    List<String> out = new ArrayList<>(entries.size() + 1);
    for (Entry e : entries) {
      out.add(e.toString());
    }
    out.add(summary());
    return out;
  }

  /** {@link #lines()} joined with newlines. */
  @Override
  public String toString() {
    return String.join("\n", lines());
  }

  /** One device under one group path, with its fleet tags. Immutable. */
  public static final class Entry {
    private final GroupPath group;
    private final DeviceId device;
    private final SortedSet<String> tags;

    /** An entry; {@code tags} must be an unmodifiable set (as {@code Device.tags()} is). */
    public Entry(GroupPath group, DeviceId device, SortedSet<String> tags) {
      this.group = Objects.requireNonNull(group, "group");
      this.device = Objects.requireNonNull(device, "device");
      this.tags = Objects.requireNonNull(tags, "tags");
    }

    /** The group the device is listed under. */
    public GroupPath group() {
      return group;
    }

    public DeviceId device() {
      return device;
    }

    /** The device path, e.g. {@code /co/cisco/121XPs/DEVICEID-5@cisco.com}. */
    public String devicePath() {
      return (group.isRoot() ? "" : group.toString()) + "/" + device;
    }

    /** Fleet tags, sorted. */
    public SortedSet<String> tags() {
      return tags;
    }

    /** {@code <device path> <tags comma-separated or ->}. */
    @Override
    public String toString() {
      return devicePath() + " " + (tags.isEmpty() ? "-" : String.join(",", tags));
    }
  }
}
