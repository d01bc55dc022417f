package io.biggerfleet.jdbc.internal;

import io.biggerfleet.FleetException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.spi.WriteBatch.ProgressKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link FleetStore} on a migrated database: reads are single statements (each sees one committed
 * snapshot, so never half a batch); {@link #write} is one transaction via {@link BatchWriter}. Holds no
 * state but the data source; thread-safe as long as the data source is.
 */
public final class SqlFleetStore implements FleetStore {
  private static final int FETCH_SIZE = 1000;

  private final DataSource ds;
  private final String database;
  private final BatchWriter writer;

  /** A store on {@code ds}, whose schema {@link Migrations} has brought up to date. */
  public SqlFleetStore(
      DataSource ds, Clock clock, String database, int batchRows, Dialect dialect) {
    this.ds = ds;
    this.database = database;
    this.writer = new BatchWriter(clock, batchRows, dialect);
  }

  @FunctionalInterface
  private interface SqlFunction<T> {
    T apply(Connection c) throws SQLException;
  }

  /** One statement in auto-commit mode: for small reads. */
  private <T> T read(String what, SqlFunction<T> f) {
    try (Connection c = ds.getConnection()) {
      return f.apply(c);
    } catch (SQLException e) {
      throw SqlErrors.translate(e, what, database);
    }
  }

  /** One statement in a transaction, so PostgreSQL streams a large result by the fetch size. */
  private <T> T readLarge(String what, SqlFunction<T> f) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        return f.apply(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e, what, database);
    }
  }

  private <K, V> Optional<Versioned<V>> one(RecordMapper<K, V> m, K key) {
    return read("reading " + m.kind + " '" + key + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(m.selectOneSql)) {
        m.bindKey(ps, 1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(m.decodeRow(rs)) : Optional.empty();
        }
      }
    });
  }

  private <K, V> List<Versioned<V>> all(RecordMapper<K, V> m, String sql, String param) {
    return readLarge("reading every " + m.kind, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(FETCH_SIZE);
        if (param != null) {
          ps.setString(1, param);
        }
        List<Versioned<V>> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(m.decodeRow(rs));
          }
        }
        return Collections.unmodifiableList(out);
      }
    });
  }

  @Override
  public Optional<Versioned<Device>> device(DeviceId id) {
    return one(DeviceMapper.INSTANCE, id);
  }

  @Override
  public List<Versioned<Device>> devices() {
    return all(DeviceMapper.INSTANCE, DeviceMapper.INSTANCE.selectAllSql, null);
  }

  @Override
  public long deviceCount() {
    return read("counting devices", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM bf_device");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public Optional<Versioned<Group>> group(String path) {
    return one(GroupMapper.INSTANCE, path);
  }

  @Override
  public List<Versioned<Group>> groups() {
    return all(GroupMapper.INSTANCE, GroupMapper.INSTANCE.selectAllSql, null);
  }

  @Override
  public Optional<Versioned<Rollout>> rollout(String name) {
    return one(RolloutMapper.INSTANCE, name);
  }

  @Override
  public List<Versioned<Rollout>> rollouts() {
    return all(RolloutMapper.INSTANCE, RolloutMapper.INSTANCE.selectAllSql, null);
  }

  @Override
  public Optional<Versioned<DeviceRolloutProgress>> progress(String rollout, DeviceId device) {
    return one(ProgressMapper.INSTANCE, new ProgressKey(rollout, device));
  }

  @Override
  public List<Versioned<DeviceRolloutProgress>> progress(String rollout) {
    return all(ProgressMapper.INSTANCE, ProgressMapper.SELECT_BY_ROLLOUT, rollout);
  }

  @Override
  public java.util.Map<DeviceId, Versioned<DeviceRolloutProgress>> progress(
      String rollout, java.util.Collection<DeviceId> devices) {
    if (devices.isEmpty()) {
      return new java.util.HashMap<>();
    }
    return read(
        "reading the progress of " + devices.size() + " devices in '" + rollout + "'",
        c -> ProgressByDevices.read(c, rollout, devices));
  }

  @Override
  public List<FleetEvent> events(long afterSeq, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    return read("reading events after #" + afterSeq, c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT seq, time_s, time_n, type, subject, actor, message"
              + " FROM bf_event WHERE seq > ? ORDER BY seq LIMIT ?")) {
        ps.setFetchSize(Math.min(limit, FETCH_SIZE));
        ps.setLong(1, afterSeq);
        ps.setInt(2, limit);
        List<FleetEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(FleetEvent.of(
                    Instants.read(rs, 2),
                    eventType(rs.getLong(1), rs.getString(4)),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7))
                .withSeq(rs.getLong(1)));
          }
        }
        return Collections.unmodifiableList(out);
      }
    });
  }

  private static EventType eventType(long seq, String name) {
    try {
      return EventType.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new FleetException(
          "Stored event #" + seq + " has type '" + name
              + "', which this version of Bigger Fleet does not know; upgrade it to read the event log");
    }
  }

  @Override
  public void write(WriteBatch batch) {
    if (batch.isEmpty() && batch.fences().isEmpty()) {
      return;
    }
    inTransaction(batch.toString(), c -> writer.write(c, batch));
  }

  /** The batch's fences and records, then the streamed creates, then its events: one transaction. */
  @Override
  public void writeCreatingProgress(WriteBatch batch, Iterable<DeviceRolloutProgress> created) {
    inTransaction(batch + " creating progress records", c -> {
      writer.writeRecords(c, batch);
      writer.createProgress(c, created);
      writer.appendEvents(c, batch.events());
    });
  }

  @FunctionalInterface
  private interface SqlWork {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(String what, SqlWork work) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      if (SqlErrors.isConcurrencyFailure(e)) {
        throw new WriteConflictException(
            "Conflicting write: a concurrent batch touched the same records (" + e.getMessage()
                + "); nothing was written, re-read and try again");
      }
      throw SqlErrors.translate(e, "writing " + what, database);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r); // the connection is gone; the database rolls back by itself
    }
  }

  @Override
  public String toString() {
    return "SqlFleetStore[" + database + "]";
  }
}
