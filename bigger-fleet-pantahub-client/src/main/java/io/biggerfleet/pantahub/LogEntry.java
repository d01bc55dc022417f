package io.biggerfleet.pantahub;

import java.time.Instant;
import java.util.Objects;

/** One device log line from {@code GET /logs/}. Immutable and thread-safe. */
public final class LogEntry {
  private final Instant time;
  private final String level;
  private final String source;
  private final String revision;
  private final String message;

  LogEntry(Instant time, String level, String source, String revision, String message) {
    this.time = Objects.requireNonNull(time, "time");
    this.level = level;
    this.source = source;
    this.revision = revision;
    this.message = message;
  }

  /** When the device logged it ({@code tsec} + {@code tnano}). */
  public Instant time() {
    return time;
  }

  /** {@code ERROR}, {@code WARN}, {@code INFO}, ... */
  public String level() {
    return level;
  }

  /** The log source, e.g. {@code pantavisor.log}. */
  public String source() {
    return source;
  }

  /** The revision the device ran, as the device reported it. */
  public String revision() {
    return revision;
  }

  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LogEntry)) {
      return false;
    }
    LogEntry e = (LogEntry) o;
    return e.time.equals(time)
        && e.level.equals(level)
        && e.source.equals(source)
        && e.revision.equals(revision)
        && e.message.equals(message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, level, source, revision, message);
  }

  @Override
  public String toString() {
    return time + " " + level + " " + source + ": " + message;
  }
}
