package io.biggerfleet.group.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.Set;

/** A condition nothing matches: stands in for a stored expression this version cannot compile. */
final class NothingCondition implements Condition {
  private final String expression;

  private NothingCondition(String expression) {
    this.expression = expression;
  }

  static Condition of(String expression) {
    return new NothingCondition(expression);
  }

  @Override
  public String expression() {
    return expression;
  }

  @Override
  public boolean matches(Device device) {
    return false;
  }

  @Override
  public boolean matches(Attributes attributes) {
    return false;
  }

  @Override
  public Set<String> reads() {
    return Set.of();
  }

  @Override
  public boolean dependsOnTime() {
    return false;
  }

  @Override
  public SelectionPlan plan() {
    return new SelectionPlan.Const(false);
  }
}
