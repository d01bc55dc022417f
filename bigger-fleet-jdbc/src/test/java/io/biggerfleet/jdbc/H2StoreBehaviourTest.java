package io.biggerfleet.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;

class H2StoreBehaviourTest extends JdbcStoreBehaviourTest {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private Connection keepAlive;

  @Override
  DataSource freshDataSource() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:behaviour" + NEXT.incrementAndGet() + ";LOCK_TIMEOUT=10000");
    try {
      keepAlive =
          ds.getConnection(); // an unpooled in-memory database lives while a connection is open
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ds;
  }

  @Override
  void breakConnection(Connection c) {
    try {
      c.close(); // H2 rolls back what the session had not committed
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  void breakFromOutside(DataSource ds, Connection victim) {
    breakConnection(victim);
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    if (keepAlive != null) {
      keepAlive.close();
    }
  }
}
