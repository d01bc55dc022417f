package io.biggerfleet.rollout.internal;

import io.biggerfleet.FleetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that post several devices' steps at once (for trails that allow it,
 * {@link io.biggerfleet.spi.DeviceTrails#postConcurrency()}): one pool shared by every chunk, of daemon
 * threads that end when idle, at most {@value #MAX_WORKERS}. The calling thread works too. The same
 * pool runs the changes feed's read-ahead ({@link #submit}), so an engine has one pool.
 *
 * <p>Part of {@link RolloutEngine}'s executor; not thread-safe on its own: called under the engine's
 * lock.
 */
final class PostWorkers {
  /** The most posting workers an engine runs at once, whatever the trails allow. */
  static final int MAX_WORKERS = 64;

  private ThreadPoolExecutor workers;

  /**
   * Runs every post with up to {@code n} in flight, and returns their outcomes in the posts' order. A
   * post that throws (not a {@link FleetException}: {@link DevicePost} catches those) counts as failed,
   * unknown whether it went through.
   *
   * @throws FleetException if interrupted (the workers are cancelled) or a worker fails
   */
  List<DevicePost> run(List<Callable<DevicePost>> work, int n) {
    DevicePost[] done = new DevicePost[work.size()];
    AtomicInteger taken = new AtomicInteger();
    Callable<Void> drain = () -> {
      for (int k = taken.getAndIncrement(); k < done.length; k = taken.getAndIncrement()) {
        try {
          done[k] = work.get(k).call();
        } catch (Exception
            | Error e) { // not a FleetException: unknown whether it was posted; resolve by marker
          done[k] = DevicePost.failed(new FleetException("Posting failed: " + e, e));
        }
      }
      return null;
    };
    List<Future<Void>> running = new ArrayList<>();
    try {
      for (int w = 1; w < Math.min(Math.min(n, MAX_WORKERS), work.size()); w++) {
        running.add(workers().submit(drain));
      }
      drain.call(); // the engine thread works too
      for (Future<Void> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.forEach(f -> f.cancel(true));
      throw new FleetException("Interrupted while posting " + work.size() + " steps", e);
    } catch (Exception e) {
      throw new FleetException("Posting worker failed: " + e, e);
    }
    return Arrays.asList(done);
  }

  /**
   * Runs {@code task} on one of the workers, beside the calling thread (the changes feed's
   * read-ahead). The caller joins or cancels the future.
   */
  <T> Future<T> submit(Callable<T> task) {
    return workers().submit(task);
  }

  private ThreadPoolExecutor workers() {
    if (workers == null) {
      AtomicInteger n = new AtomicInteger();
      workers = new ThreadPoolExecutor(
          MAX_WORKERS, MAX_WORKERS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "bigger-fleet-post-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      workers.allowCoreThreadTimeOut(true);
    }
    return workers;
  }
}
