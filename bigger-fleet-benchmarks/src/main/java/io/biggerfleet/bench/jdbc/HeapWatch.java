package io.biggerfleet.bench.jdbc;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak extra heap of an operation: the heap in use after a full GC before it, and the largest heap in
 * use after any GC while it ran (every collector notification is read). The difference is an upper
 * bound of what the operation held live: a young collection's "after" also counts old garbage not yet
 * collected. Allocation of the calling thread is read from the JVM.
 */
final class HeapWatch implements AutoCloseable {
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final long before;
  private final long allocatedBefore;

  HeapWatch() {
    before = usedAfterFullGc();
    allocatedBefore = allocated();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        emitters.add((NotificationEmitter) gc);
      }
    }
  }

  static long usedAfterFullGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
      used += u.getUsed();
    }
    maxAfterGc.accumulateAndGet(used, Math::max);
  }

  /** Heap live before the operation, bytes. */
  long before() {
    return before;
  }

  /** Bytes allocated by this thread since the watch started. */
  long allocatedSince() {
    return allocated() - allocatedBefore;
  }

  /** Largest heap after a GC during the operation minus the heap before it; 0 if no GC ran. */
  long peakExtra() {
    return Math.max(0, maxAfterGc.get() - before);
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }
}
