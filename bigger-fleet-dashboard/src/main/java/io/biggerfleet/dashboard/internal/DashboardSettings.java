package io.biggerfleet.dashboard.internal;

import io.biggerfleet.FleetClient;
import io.biggerfleet.dashboard.DashboardAuth;
import java.net.InetAddress;
import java.time.Duration;

/**
 * What {@link io.biggerfleet.dashboard.FleetDashboard.Builder} configured. {@code auth} is null for a
 * read-only dashboard; {@code loginToView} makes every page need a login (non-loopback binds).
 */
public record DashboardSettings(
    FleetClient fleet,
    InetAddress bind,
    int port,
    DashboardAuth auth,
    String title,
    Duration refresh,
    boolean sharedStore,
    boolean loginToView) {

  /** True if operators can log in and act. */
  boolean actionsEnabled() {
    return auth != null;
  }
}
