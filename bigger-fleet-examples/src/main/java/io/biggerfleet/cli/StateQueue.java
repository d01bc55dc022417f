package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets short CLI commands that use the same state folder take turns with the database: each holds an
 * exclusive lock on {@code fleet.queue} (an OS file lock, plus a lock within this JVM) from opening the
 * database to closing it, so one process never finds the file changing hands under it (H2: "Database
 * may be already in use", "Lock file recently modified"). A command waits up to {@link #WAIT_SECONDS}
 * for its turn. Long-running commands ({@code run}, {@code --watch}) do not queue: the others reach the
 * database through them (H2's automatic mixed mode).
 *
 * <p>Thread-safe. {@link #close()} gives the turn to the next command.
 */
final class StateQueue implements AutoCloseable {
  static final String FILE = "fleet.queue";
  static final long WAIT_SECONDS = 120;
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock jvmLock;
  private final FileChannel channel;
  private final FileLock lock;

  private StateQueue(ReentrantLock jvmLock, FileChannel channel, FileLock lock) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits for this folder's turn. */
  static StateQueue enter(Path dir) {
    Path file = dir.resolve(FILE).toAbsolutePath();
    ReentrantLock jvm = IN_JVM.computeIfAbsent(file, f -> new ReentrantLock());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    try {
      if (!jvm.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw busy(dir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("Interrupted while waiting for the state folder " + dir);
    }
    if (jvm.getHoldCount() > 1) {
      return new StateQueue(
          jvm, null, null); // this thread already has the turn (a session inside a session)
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long pause = 10;
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock != null) {
          return new StateQueue(jvm, channel, lock);
        }
        if (System.nanoTime() > deadline) {
          throw busy(dir);
        }
        Thread.sleep(pause);
        pause = Math.min(pause * 2, 200);
      }
    } catch (IOException e) {
      close(channel);
      jvm.unlock();
      throw StateProblem.notWritable(dir, e);
    } catch (InterruptedException e) {
      close(channel);
      jvm.unlock();
      Thread.currentThread().interrupt();
      throw new FleetException("Interrupted while waiting for the state folder " + dir);
    } catch (RuntimeException e) {
      close(channel);
      jvm.unlock();
      throw e;
    }
  }

  private static FleetException busy(Path dir) {
    return new FleetException(
        "The state folder " + dir + " stayed busy with other bigger-fleet commands for "
            + WAIT_SECONDS + " s; nothing was changed. Try again when they have finished");
  }

  private static void close(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing releases the lock
      }
    }
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    close(channel);
    jvmLock.unlock();
  }
}
