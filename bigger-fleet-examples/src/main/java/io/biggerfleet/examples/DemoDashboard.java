package io.biggerfleet.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.biggerfleet.FleetClient;
import io.biggerfleet.dashboard.FleetDashboard;
import io.biggerfleet.jdbc.JdbcFleetStore;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The demo's web dashboard: a read-only {@link FleetDashboard} over the demo's H2 store (the one the
 * CLI commands write, shared in-process through H2's auto-server mode) and the simulated hub (for
 * failure logs), on the demo's clock. Closing it closes the dashboard, its client and the pool.
 */
final class DemoDashboard implements AutoCloseable {
  private final HikariDataSource pool;
  private final JdbcFleetStore store;
  private final FleetDashboard dashboard;

  private DemoDashboard(HikariDataSource pool, JdbcFleetStore store, FleetDashboard dashboard) {
    this.pool = pool;
    this.store = store;
    this.dashboard = dashboard;
  }

  static DemoDashboard start(Path home, PantahubSimulator sim, Clock clock) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl("jdbc:h2:file:" + home.resolve("fleet").toAbsolutePath()
        + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000");
    cfg.setMaximumPoolSize(2);
    cfg.setPoolName("bigger-fleet-demo-dashboard");
    HikariDataSource pool = new HikariDataSource(cfg);
    try {
      JdbcFleetStore store = JdbcFleetStore.dataSource(pool).clock(clock).open();
      PantahubClient hub = PantahubClient.builder()
          .baseUri(sim.baseUri())
          .clock(clock)
          .login("user1", "user1".toCharArray())
          .build();
      FleetClient fleet = FleetClient.builder()
          .store(store)
          .registry(hub.devices())
          .trails(hub.trails())
          .clock(clock)
          .actor("dashboard")
          .build();
      FleetDashboard d = FleetDashboard.builder(fleet)
          .sharedStore(true)
          .title("Bigger Fleet demo")
          .start();
      return new DemoDashboard(pool, store, d);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  URI uri() {
    return dashboard.uri();
  }

  @Override
  public void close() {
    dashboard.close();
    store.close();
    pool.close();
  }
}
