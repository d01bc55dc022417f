package io.biggerfleet.examples;

import io.biggerfleet.FleetClient;
import io.biggerfleet.jdbc.JdbcFleetStore;
import io.biggerfleet.testing.WalkthroughFleet;
import java.io.PrintWriter;

/**
 * Embedding example: the durable PostgreSQL store — what an app uses once it runs on more than one
 * machine. The store creates and migrates its schema, pools connections (HikariCP) and leases active
 * rollouts to one instance at a time. The data survives the process: run it twice and the second run
 * finds the devices the first imported.
 *
 * <pre>{@code java -cp bigger-fleet.jar io.biggerfleet.examples.PostgresStoreExample \
 *     jdbc:postgresql://localhost:5432/fleet fleet "$PGPASSWORD"}</pre>
 */
public final class PostgresStoreExample {
  private PostgresStoreExample() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println(
          "usage: PostgresStoreExample <jdbc:postgresql://host:port/db> <user> <password>");
      System.exit(2);
    }
    PrintWriter out = new PrintWriter(System.out, true);
    run(args[0], args[1], args[2], out);
    out.flush();
  }

  /** Imports the walkthrough's devices into the PostgreSQL store at {@code url}; returns the fleet size. */
  public static long run(String url, String user, String password, PrintWriter out) {
    try (JdbcFleetStore store =
        JdbcFleetStore.postgres(url, user, password).maxPoolSize(4).open()) {
      long before = store.devices().size();
      FleetClient fleet = FleetClient.builder()
          .registries(WalkthroughFleet.registries())
          .store(store)
          .actor("example")
          .build();
      fleet.importDevices();
      fleet.tagAll("/", "imported-by-example");
      out.println("Fleet in " + store + ": " + before + " devices before, " + fleet.deviceCount()
          + " now (schema version " + JdbcFleetStore.schemaVersion() + ").");
      return fleet.deviceCount();
    }
  }
}
