package io.biggerfleet.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresStoreBehaviourTest extends JdbcStoreBehaviourTest {
  @Override
  DataSource freshDataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(TestDatabases.freshPostgresSchema());
    ds.setUser("postgres");
    return ds;
  }

  @Override
  void breakConnection(Connection c) {
    // The server process of this session dies, as if the database host lost it mid-transaction.
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_terminate_backend(pg_backend_pid())");
    } catch (SQLException expected) {
      // the session is gone
    }
  }

  @Override
  void breakFromOutside(DataSource ds, Connection victim) {
    try (Connection admin = ds.getConnection();
        Statement s = admin.createStatement()) {
      int pid = victim.unwrap(org.postgresql.PGConnection.class).getBackendPID();
      s.execute("SELECT pg_terminate_backend(" + pid + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
