package io.biggerfleet.cli;

import io.biggerfleet.model.MaintenanceWindow;
import io.biggerfleet.model.Pacing;
import io.biggerfleet.model.RateRamp;
import java.util.List;

/**
 * The pacing options of {@code rollouts add} and {@code stepadd}: {@code window="Mon-Fri 01:00-05:00"}
 * (device-local), {@code rate=100/min} and {@code ramp="5/min x2 every 50"}. Each is parsed when given
 * (a bad one fails with line:column and a caret; nothing is stored). Stateless.
 */
final class PacingArgs {
  static final List<String> KEYS = List.of("window", "rate", "ramp");

  private PacingArgs() {}

  /** The pacing the options give, {@link Pacing#NONE} if none is given. */
  static Pacing of(KeyValueArgs kv) {
    MaintenanceWindow w = kv.get("window").map(MaintenanceWindow::parse).orElse(null);
    return new Pacing(w, RateRamp.parse(kv.orNull("rate"), kv.orNull("ramp")));
  }
}
