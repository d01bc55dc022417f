package io.biggerfleet.dashboard.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Draws a rollout's {@link Timeline} as an inline SVG chart: cumulative posted, succeeded and failed
 * devices over time, as step lines, from the first activity to {@code now}. At most {@value #COLUMNS}
 * columns whatever the rollout's length. Markup only (no script, no inline style), so the CSP holds.
 */
final class TimelineChart {
  static final int COLUMNS = 240;
  private static final int W = 720;
  private static final int H = 180;
  private static final int LEFT = 56;
  private static final int BOTTOM = 24;
  private static final int TOP = 10;
  private static final String[] CLASSES = {"posted", "succeeded", "failed"};
  private static final String[] LABELS = {"posted", "succeeded", "failed"};
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private TimelineChart() {}

  static void render(Html h, List<Timeline.Point> points, Instant now, long devices) {
    if (points.isEmpty()) {
      h.raw("<p class=\"muted\">Nothing posted yet.</p>");
      return;
    }
    long start = points.get(0).minute().getEpochSecond();
    long end = Math.max(
        now.getEpochSecond(), points.get(points.size() - 1).minute().getEpochSecond() + 60);
    double span = Math.max(60, end - start);
    long[][] cumulative = new long[3][COLUMNS + 1];
    long[] running = new long[3];
    int pi = 0;
    for (int col = 0; col <= COLUMNS; col++) {
      long colEnd = start + (long) Math.ceil(span * col / COLUMNS);
      while (pi < points.size() && points.get(pi).minute().getEpochSecond() <= colEnd) {
        Timeline.Point p = points.get(pi++);
        running[0] += p.posted();
        running[1] += p.succeeded();
        running[2] += p.failed();
      }
      for (int k = 0; k < 3; k++) {
        cumulative[k][col] = running[k];
      }
    }
    long max = Math.max(1, Math.max(devices, Math.max(running[0], running[1] + running[2])));
    int plotW = W - LEFT - 8;
    int plotH = H - TOP - BOTTOM;
    h.raw("<svg class=\"timeline\" viewBox=\"0 0 ")
        .raw(W + " " + H)
        .raw("\" role=\"img\" aria-label=\"")
        .t("Posted " + running[0] + ", succeeded " + running[1] + ", failed " + running[2])
        .raw("\">");
    h.raw("<line class=\"axis\" x1=\"" + LEFT + "\" y1=\"" + (TOP + plotH) + "\" x2=\"" + (W - 8)
        + "\" y2=\"" + (TOP + plotH) + "\"/>");
    h.raw("<line class=\"axis\" x1=\"" + LEFT + "\" y1=\"" + TOP + "\" x2=\"" + LEFT + "\" y2=\""
        + (TOP + plotH) + "\"/>");
    h.raw("<text class=\"tick\" x=\"" + (LEFT - 4) + "\" y=\"" + (TOP + 8)
            + "\" text-anchor=\"end\">")
        .n(max)
        .raw("</text>");
    h.raw("<text class=\"tick\" x=\"" + (LEFT - 4) + "\" y=\"" + (TOP + plotH)
        + "\" text-anchor=\"end\">0</text>");
    h.raw("<text class=\"tick\" x=\"" + LEFT + "\" y=\"" + (H - 6) + "\">")
        .t(WHEN.format(Instant.ofEpochSecond(start)))
        .raw("</text>");
    h.raw("<text class=\"tick\" x=\"" + (W - 8) + "\" y=\"" + (H - 6) + "\" text-anchor=\"end\">")
        .t(WHEN.format(Instant.ofEpochSecond(end)))
        .raw(" UTC</text>");
    for (int k = 0; k < 3; k++) {
      StringBuilder pts = new StringBuilder();
      double prevY = TOP + plotH;
      for (int col = 0; col <= COLUMNS; col++) {
        double x = LEFT + (double) plotW * col / COLUMNS;
        double y = TOP + plotH - (double) plotH * cumulative[k][col] / max;
        pts.append(fmt(x))
            .append(',')
            .append(fmt(prevY))
            .append(' ')
            .append(fmt(x))
            .append(',')
            .append(fmt(y))
            .append(' ');
        prevY = y;
      }
      h.raw("<polyline class=\"line ")
          .raw(CLASSES[k])
          .raw("\" fill=\"none\" points=\"")
          .raw(pts.toString().strip())
          .raw("\"/>");
    }
    h.raw("</svg><p class=\"legend\">");
    for (int k = 0; k < 3; k++) {
      h.raw("<span class=\"key ")
          .raw(CLASSES[k])
          .raw("\">■</span> ")
          .raw(LABELS[k])
          .raw(" ")
          .n(running[k])
          .raw(" &nbsp; ");
    }
    h.raw("</p>");
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }
}
