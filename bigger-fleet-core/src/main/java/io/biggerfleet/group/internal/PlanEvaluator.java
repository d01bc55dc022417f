package io.biggerfleet.group.internal;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.Map;
import java.util.function.IntFunction;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Answers a {@link Condition} over a candidate set of device ordinals (the parent group's members)
 * from the {@link AttributeIndex}, scanning devices only where the index cannot answer.
 *
 * <p>Each plan node is evaluated to two bounds within the candidates: {@code lower} (devices that
 * surely match) and {@code upper} (devices that may match). Exact terms have equal bounds; an opaque
 * term that reads one low-cardinality attribute is evaluated once per distinct value (exact); any
 * other opaque term is "unknown" (lower = ∅, upper = candidates). {@code and}/{@code or} combine the
 * bounds, {@code not} swaps them. The members are then {@code lower} plus the devices of
 * {@code upper − lower} that the whole expression matches — a plain scan of only the undecided ones.
 *
 * <p>Not thread-safe: used under the owning {@link FleetIndex}'s lock.
 */
final class PlanEvaluator {
  /** Above this many distinct values an opaque term is scanned device by device instead. */
  static final int MAX_VALUES_PER_TERM = 4096;

  /** At or below this many distinct values, a range or prefix ORs per-value bitmaps instead of scanning codes. */
  static final int BITMAPS_UP_TO = 64;

  private final AttributeIndex index;
  private final Columns columns;
  private final RoaringBitmap alive;
  private final IntFunction<Device> devices;

  PlanEvaluator(
      AttributeIndex index, Columns columns, RoaringBitmap alive, IntFunction<Device> devices) {
    this.index = index;
    this.columns = columns;
    this.alive = alive;
    this.devices = devices;
  }

  /** The members of {@code candidates} that {@code condition} matches; a new bitmap. */
  RoaringBitmap evaluate(Condition condition, RoaringBitmap candidates) {
    Bounds b = bounds(condition.plan(), candidates);
    RoaringBitmap out = b.lower.clone();
    if (b.upper.getCardinality() != b.lower.getCardinality()) {
      RoaringBitmap undecided = RoaringBitmap.andNot(b.upper, b.lower);
      for (IntIterator it = undecided.getIntIterator(); it.hasNext(); ) {
        int o = it.next();
        if (condition.matches(devices.apply(o))) {
          out.add(o);
        }
      }
    }
    out.runOptimize();
    return out;
  }

  private record Bounds(RoaringBitmap lower, RoaringBitmap upper) {
    static Bounds exact(RoaringBitmap b) {
      return new Bounds(b, b);
    }
  }

  private Bounds bounds(SelectionPlan p, RoaringBitmap cand) {
    if (p instanceof SelectionPlan.Const c) {
      return Bounds.exact(c.value() ? cand : new RoaringBitmap());
    }
    if (p instanceof SelectionPlan.Exists e) {
      return Bounds.exact(
          RoaringBitmap.and(cand, index.values(e.attribute(), alive, devices).present));
    }
    if (p instanceof SelectionPlan.ValueIn v) {
      return Bounds.exact(select(index.values(v.attribute(), alive, devices), v.values(), cand));
    }
    if (p instanceof SelectionPlan.ItemIn v) {
      return Bounds.exact(select(index.items(v.attribute(), alive, devices), v.values(), cand));
    }
    if (p instanceof SelectionPlan.Prefix x) {
      Column c = columns.column(x.attribute(), alive, devices);
      if (few(cand, c)) {
        String prefix = x.prefix();
        return Bounds.exact(c.selectWhere(cand, v -> v.startsWith(prefix)));
      }
      boolean[] hit = new boolean[c.codeLimit()];
      return Bounds.exact(fromCodes(x.attribute(), c, hit, c.markPrefix(x.prefix(), hit), cand));
    }
    if (p instanceof SelectionPlan.NumberRange x) {
      Column c = columns.column(x.attribute(), alive, devices);
      if (few(cand, c)) {
        var range = x.range();
        return Bounds.exact(c.selectWhere(
            cand, v -> range.contains(io.biggerfleet.match.MatchNode.NumberRange.number(v))));
      }
      boolean[] hit = new boolean[c.codeLimit()];
      return Bounds.exact(fromCodes(x.attribute(), c, hit, c.markRange(x.range(), hit), cand));
    }
    if (p instanceof SelectionPlan.Not n) {
      Bounds c = bounds(n.child(), cand);
      return new Bounds(RoaringBitmap.andNot(cand, c.upper), RoaringBitmap.andNot(cand, c.lower));
    }
    if (p instanceof SelectionPlan.And a) {
      // Exact children first: each narrows the candidates of the rest.
      RoaringBitmap narrowed = cand;
      RoaringBitmap lower = null;
      for (SelectionPlan child : a.children()) {
        Bounds c = bounds(child, narrowed);
        narrowed = c.upper;
        lower = lower == null ? c.lower : RoaringBitmap.and(lower, c.lower);
      }
      return new Bounds(RoaringBitmap.and(lower, narrowed), narrowed);
    }
    if (p instanceof SelectionPlan.Or o) {
      RoaringBitmap lower = new RoaringBitmap();
      RoaringBitmap upper = new RoaringBitmap();
      for (SelectionPlan child : o.children()) {
        Bounds c = bounds(child, cand);
        lower.or(c.lower);
        upper.or(c.upper);
      }
      return new Bounds(lower, upper);
    }
    SelectionPlan.Opaque op = (SelectionPlan.Opaque) p;
    if (op.attribute() != null && op.term() != null) {
      AttributeIndex.Values v = index.values(op.attribute(), alive, devices);
      if (v.distinct() <= MAX_VALUES_PER_TERM) {
        return Bounds.exact(perValue(op, v, cand));
      }
    }
    return new Bounds(new RoaringBitmap(), cand);
  }

  /**
   * Candidates few enough (against the column's distinct values) to test one by one from the
   * dictionary: each such test reads a value string (cache misses), while marking a run of codes and
   * looking candidates up in the marks touches only two int/boolean arrays.
   */
  private static boolean few(RoaringBitmap cand, Column c) {
    return c.distinct() > BITMAPS_UP_TO && cand.getCardinality() < c.distinct() / 64;
  }

  /**
   * The candidates whose code is marked: by OR-ing the per-value bitmaps of the marked values when the
   * column has few distinct values, else by a loop over the codes.
   */
  private RoaringBitmap fromCodes(
      String attribute, Column c, boolean[] hit, int marked, RoaringBitmap cand) {
    if (marked == 0) {
      return new RoaringBitmap();
    }
    if (c.distinct() <= BITMAPS_UP_TO) {
      java.util.Set<String> wanted = new java.util.HashSet<>();
      for (int code = 1; code < hit.length; code++) {
        if (hit[code]) {
          wanted.add(c.value(code));
        }
      }
      return select(index.values(attribute, alive, devices), wanted, cand);
    }
    return c.select(hit, cand);
  }

  private static RoaringBitmap perValue(
      SelectionPlan.Opaque op, AttributeIndex.Values v, RoaringBitmap cand) {
    RoaringBitmap out = new RoaringBitmap();
    for (Map.Entry<String, RoaringBitmap> e : v.byValue.entrySet()) {
      Attributes one = Attributes.builder()
          .put(AttributeSource.SYSTEM, op.attribute(), e.getKey())
          .build();
      if (op.term().matches(one)) {
        out.or(RoaringBitmap.and(e.getValue(), cand));
      }
    }
    if (op.term().matches(Attributes.empty())) {
      out.or(RoaringBitmap.andNot(cand, v.present));
    }
    return out;
  }

  private static RoaringBitmap select(
      AttributeIndex.Values v, java.util.Set<String> wanted, RoaringBitmap cand) {
    RoaringBitmap any = null;
    for (String value : wanted) {
      RoaringBitmap b = v.get(value);
      if (b != null) {
        any = any == null ? b : RoaringBitmap.or(any, b);
      }
    }
    return any == null ? new RoaringBitmap() : RoaringBitmap.and(any, cand);
  }
}
