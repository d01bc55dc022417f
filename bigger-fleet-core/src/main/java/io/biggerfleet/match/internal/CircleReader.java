package io.biggerfleet.match.internal;

import io.biggerfleet.match.internal.grammar.MatchParser;
import io.biggerfleet.match.internal.grammar.MatchParser.ValueContext;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Reads the arguments of a {@code within} term — a distance in km, m or mi and a latitude and
 * longitude in degrees — into a {@link Geo.Circle}, checking units and ranges. Every problem goes to
 * {@link Issues} and the result is null. One instance per compilation; not thread-safe.
 */
final class CircleReader {
  private final Issues issues;

  CircleReader(Issues issues) {
    this.issues = issues;
  }

  /** The circle of {@code within <distance> of (<lat>, <lon>)}, or null (issues reported). */
  Geo.Circle circle(List<ValueContext> v) {
    Token distToken = v.get(0).start;
    String dist = distToken.getText();
    int unitAt = Shapes.distanceUnitStart(dist);
    Double km = null;
    if (unitAt < 0) {
      issues.at(
          distToken,
          "bad distance " + SyntaxErrors.describe(distToken)
              + "; expected a number with km, m or mi," + " e.g. 50km");
    } else {
      double d = Double.parseDouble(dist.substring(0, unitAt));
      String unit = dist.substring(unitAt);
      km = unit.equals("km") ? d : unit.equals("m") ? d / 1000 : d * 1.609344;
    }
    Double lat = coordinate(v.get(1).start, 90, "latitude");
    Double lon = coordinate(v.get(2).start, 180, "longitude");
    if (km == null || lat == null || lon == null) {
      return null;
    }
    return new Geo.Circle(lat, lon, km);
  }

  private Double coordinate(Token t, double limit, String what) {
    String s = t.getText();
    if (t.getType() != MatchParser.WORD || !Values.isPlainNumber(s)) {
      issues.at(
          t, "bad " + what + " " + SyntaxErrors.describe(t) + "; expected a number of degrees");
      return null;
    }
    double d = Double.parseDouble(s);
    if (d < -limit || d > limit) {
      issues.at(
          t,
          what + " " + s + " is out of range; it must be from -" + (int) limit + " to "
              + (int) limit);
      return null;
    }
    return d;
  }
}
