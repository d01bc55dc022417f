package io.biggerfleet.match.internal;

/**
 * Locations ({@code lat:43.54,lon:-76.12}, or {@code 43.54,-76.12}) and great-circle distance
 * (haversine, mean Earth radius 6371.0088 km).
 */
final class Geo {
  static final double EARTH_RADIUS_KM = 6371.0088;

  private Geo() {}

  /** {lat, lon} in degrees, or null if {@code s} is not a location or is out of range. */
  static double[] parse(String s) {
    int comma = s.indexOf(',');
    if (comma < 0 || s.indexOf(',', comma + 1) >= 0) {
      return null;
    }
    String a = Values.trim(s.substring(0, comma));
    String b = Values.trim(s.substring(comma + 1));
    double lat;
    double lon;
    if (a.startsWith("lon:") && b.startsWith("lat:")) {
      String t = a;
      a = b;
      b = t;
    }
    if (a.startsWith("lat:")) {
      a = Values.trim(a.substring(4));
      if (!b.startsWith("lon:")) {
        return null;
      }
      b = Values.trim(b.substring(4));
    }
    if (!Values.isPlainNumber(a) || !Values.isPlainNumber(b)) {
      return null;
    }
    lat = Values.number(a);
    lon = Values.number(b);
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      return null;
    }
    return new double[] {lat, lon};
  }

  /** A circle on the Earth's surface. Immutable. */
  static final class Circle {
    private final double lat;
    private final double lon;
    private final double cosLat;
    private final double radiusKm;

    Circle(double lat, double lon, double radiusKm) {
      this.lat = Math.toRadians(lat);
      this.lon = Math.toRadians(lon);
      this.cosLat = Math.cos(this.lat);
      this.radiusKm = radiusKm;
    }

    boolean contains(String location) {
      double[] p = parse(location);
      return p != null && distanceKm(p[0], p[1]) <= radiusKm;
    }

    double distanceKm(double latDeg, double lonDeg) {
      double la = Math.toRadians(latDeg);
      double dLat = la - lat;
      double dLon = Math.toRadians(lonDeg) - lon;
      double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
          + cosLat * Math.cos(la) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
      return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
  }
}
