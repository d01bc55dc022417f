package io.biggerfleet.jdbc;

import io.biggerfleet.spi.WriteBatch;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Run in a child JVM by {@link ProcessKillTest}: starts a bulk import into an H2 file and, after the
 * first of its JDBC batches reached the database, prints {@code MIDWAY} and waits to be killed.
 */
public final class CrashingImport {
  private CrashingImport() {}

  public static void main(String[] args) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + Path.of(args[0]).toAbsolutePath());
    FailingDataSource ds = new FailingDataSource(h2, c -> {
      System.out.println("MIDWAY");
      System.out.flush();
      try {
        new CountDownLatch(1).await(); // until the parent kills this process
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    JdbcFleetStore store = JdbcFleetStore.dataSource(ds).batchRows(100).open();
    WriteBatch.Builder bulk = WriteBatch.builder();
    for (int i = 1; i <= 300; i++) {
      bulk.putDevice(JdbcStoreBehaviourTest.device(i), 0);
    }
    ds.breakBeforeBatch(2); // after the first 100 rows reached the database
    store.write(bulk.build());
    System.out.println("COMPLETED"); // not reached
  }
}
