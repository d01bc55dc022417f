package io.biggerfleet.bench.match;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.match.Explanation;
import io.biggerfleet.match.MatchSyntaxException;
import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The long fuzz run of issue 19: compiles N seeded hostile expressions ({@link HostileInputs}) and, when
 * one compiles, evaluates and explains it on three attribute maps. Anything other than a result or a
 * {@link MatchSyntaxException} with a located issue is a failure, as is {@code explain} disagreeing with
 * {@code matches}. Three quarters of the inputs use the default options, a quarter the most permissive
 * ones (1,000,000 characters, depth 200), so the fixed bounds are reached too.
 *
 * <p>Reports: inputs, compiled, syntax errors, other failures (by kind, with an example), how many
 * first timings reached 50 ms, percentiles, and the slowest input: the 100 slowest first timings of
 * the run are timed again five times each once the JIT has warmed up, and the slowest median is the
 * figure (a first timing can include a GC pause, JIT compilation or another process's burst on a
 * shared machine that has nothing to do with the input). Exits 1 if there is a failure or the slowest
 * median is 50 ms or more.
 *
 * <p>Run on a thread with the default stack size, in a JVM with a 256 MiB heap:
 * {@code java -Xmx256m -cp bigger-fleet-benchmarks/target/benchmarks.jar
 * io.biggerfleet.bench.match.MatchFuzz [inputs=1000000] [seed=19]}.
 */
public final class MatchFuzz {
  private static final Matchers DEFAULTS = Matchers.builder().cacheSize(0).build();
  private static final Matchers PERMISSIVE = Matchers.builder()
      .cacheSize(0)
      .maxLength(1_000_000)
      .maxDepth(200)
      .maxErrors(1000)
      .build();
  private static final List<Attributes> MAPS = List.of(
      attrs(
          "Model",
          "121XPs",
          "Mem",
          "512M",
          "Kernel",
          "4.10.0",
          "N",
          "gw-1",
          "s",
          "x,y",
          "a",
          "5",
          "Last-Seen",
          "2026-01-01T00:00:00Z",
          "Device-Location",
          "lat:43.5,lon:-76.1",
          "Fleet-Tags",
          "canary,lab",
          "Online",
          "true",
          "Device-Id",
          "DEVICEID-5@cisco.com"),
      attrs(
          "Model",
          "0.7\n",
          "Mem",
          "\t4.9",
          "Kernel",
          "4.9\u3000",
          "N",
          "\uD83D\uDCA5x\uD83D\uDCA5",
          "s",
          "",
          "a",
          "1h1h1h",
          "Last-Seen",
          "not a time",
          "Fleet-Tags",
          " , ,canary ,",
          "Uptime",
          "PT-0.5S"),
      attrs(
          "N",
          "a".repeat(2000),
          "Model",
          "x".repeat(300) + "\u0000",
          "a",
          "99999999999999999999",
          "Kernel",
          "1.0.0-rc.1+build",
          "Mem",
          "1.5GiB",
          "Load",
          "NaN",
          "Uptime",
          "-12h"));

  private static final int KEEP = 100;

  private MatchFuzz() {}

  /** The upper bound (µs, a power of two) of the bucket holding the {@code q} quantile. */
  private static long percentile(long[] histogram, long total, double q) {
    long seen = 0;
    for (int b = 0; b < histogram.length; b++) {
      seen += histogram[b];
      if (seen >= q * total) {
        return 1L << b;
      }
    }
    return Long.MAX_VALUE;
  }

  private static Attributes attrs(String... kv) {
    Attributes.Builder b = Attributes.builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.put(i % 4 == 0 ? AttributeSource.SYSTEM : AttributeSource.REGISTRY, kv[i], kv[i + 1]);
    }
    return b.build();
  }

  /** One input's timing. */
  private record Timed(String input, boolean permissive, long nanos) {}

  public static void main(String[] args) throws InterruptedException {
    long inputs = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 19;
    int[] exit = {0};
    // A new thread gets the JVM's default stack size (-Xss, 1 MiB on 64-bit Linux unless set).
    Thread runner = new Thread(() -> exit[0] = run(inputs, seed), "match-fuzz");
    runner.start();
    runner.join();
    System.exit(exit[0]);
  }

  private static int run(long inputs, long seed) {
    HostileInputs gen = new HostileInputs(seed);
    Map<String, String> failureKinds = new LinkedHashMap<>();
    Map<String, Long> failureCounts = new LinkedHashMap<>();
    PriorityQueue<Timed> slowest = new PriorityQueue<>(Comparator.comparingLong(Timed::nanos));
    long compiled = 0;
    long syntax = 0;
    long failures = 0;
    long over50 = 0;
    long[] histogram = new long[64]; // by power of two of microseconds
    long start = System.nanoTime();
    for (long i = 0; i < inputs; i++) {
      String input = gen.next();
      boolean permissive = i % 4 == 3;
      long t0 = System.nanoTime();
      String failure;
      int outcome;
      try {
        outcome = once(input, permissive);
        failure = null;
      } catch (Throwable e) {
        outcome = -1;
        failure = kind(e);
      }
      long took = System.nanoTime() - t0;
      if (outcome == 1) {
        compiled++;
      } else if (outcome == 0) {
        syntax++;
      } else {
        failures++;
        failureCounts.merge(failure, 1L, Long::sum);
        failureKinds.putIfAbsent(failure, input);
      }
      slowest.add(new Timed(input, permissive, took));
      if (slowest.size() > KEEP) {
        slowest.poll();
      }
      over50 += took >= 50_000_000L ? 1 : 0;
      histogram[Math.min(63, 64 - Long.numberOfLeadingZeros(Math.max(1, took / 1000)))]++;
      if ((i + 1) % 100_000 == 0) {
        System.out.printf(
            "  %,d inputs, %,d failures, %.0f s%n",
            i + 1, failures, (System.nanoTime() - start) / 1e9);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Timed> retimed = retime(new ArrayList<>(slowest));
    Timed worst = retimed.get(0);
    System.out.println();
    System.out.println("Match fuzz report");
    System.out.printf(
        "  JVM: %s %s, max heap %d MiB, args %s, runner thread stack: default%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf(
        "  seed %d, inputs %,d, wall time %.1f s (%.1f µs per input)%n",
        seed, inputs, seconds, seconds * 1e6 / inputs);
    System.out.printf("  compiled        %,d%n", compiled);
    System.out.printf("  syntax errors   %,d%n", syntax);
    System.out.printf("  other failures  %,d%n", failures);
    failureCounts.forEach((k, n) ->
        System.out.printf("    %,d x %s%n      e.g. %s%n", n, k, show(failureKinds.get(k))));
    System.out.printf(
        "  time per input: p50 < %d µs, p99 < %d µs, p99.99 < %d µs; first timings >= 50 ms: %,d%n",
        percentile(histogram, inputs, 0.5),
        percentile(histogram, inputs, 0.99),
        percentile(histogram, inputs, 0.9999),
        over50);
    System.out.printf(
        "  slowest input (median of 5 re-timings of the %d slowest): %.2f ms (%s options)%n",
        KEEP, worst.nanos() / 1e6, worst.permissive() ? "permissive" : "default");
    System.out.printf("    %s%n", show(worst.input()));
    System.out.printf(
        "  slowest first timing: %.2f ms%n",
        slowest.stream().mapToLong(Timed::nanos).max().orElse(0) / 1e6);
    return failures == 0 && worst.nanos() < 50_000_000L ? 0 : 1;
  }

  /** 1 if it compiled (and evaluated consistently), 0 for a well-formed syntax error; throws otherwise. */
  private static int once(String input, boolean permissive) {
    Matcher m;
    try {
      m = (permissive ? PERMISSIVE : DEFAULTS).compile(input);
    } catch (MatchSyntaxException e) {
      if (e.issues().isEmpty() || !e.getMessage().contains("^")) {
        throw new IllegalStateException("syntax error without a located issue");
      }
      return 0;
    }
    for (Attributes a : MAPS) {
      boolean matched = m.matches(a);
      Explanation why = m.explain(a);
      if (why.matched() != matched) {
        throw new IllegalStateException("explain disagrees with matches");
      }
      if (why.toString().isEmpty() || m.structure() == null) {
        throw new IllegalStateException("empty explanation or structure");
      }
    }
    return 1;
  }

  private static List<Timed> retime(List<Timed> candidates) {
    List<Timed> out = new ArrayList<>();
    for (Timed t : candidates) {
      long[] runs = new long[5];
      for (int k = 0; k < runs.length; k++) {
        long t0 = System.nanoTime();
        try {
          once(t.input(), t.permissive());
        } catch (Throwable e) {
          // counted in the main pass
        }
        runs[k] = System.nanoTime() - t0;
      }
      java.util.Arrays.sort(runs);
      out.add(new Timed(t.input(), t.permissive(), runs[2]));
    }
    out.sort(Comparator.comparingLong(Timed::nanos).reversed());
    return out;
  }

  /** The exception's class and the first frame in Bigger Fleet code (or the top frame). */
  private static String kind(Throwable e) {
    StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().startsWith("io.biggerfleet.match")) {
        where = f;
        break;
      }
    }
    return e.getClass().getName()
        + (e.getMessage() == null || e instanceof StackOverflowError
            ? ""
            : ": " + e.getMessage().lines().findFirst().orElse(""))
        + " at " + where;
  }

  /** The input, escaped and cut to 200 characters. */
  private static String show(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(200).forEach(c -> {
      if (c < ' ' || c == 0x3000 || c == 0xa0) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b + (s.codePointCount(0, s.length()) > 200 ? "... (" + s.length() + " chars)" : "");
  }
}
