package io.biggerfleet.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that lets a test break the connection in the middle of a bulk write: once armed, just
 * before the {@code n}-th {@code executeBatch} it runs {@code breaker} on the connection (which closes
 * or kills it), so the batch fails half-way like a crash or a network cut.
 *
 * <p>Its connections hide the driver's own interfaces ({@code isWrapperFor} is false), like a pool or
 * proxy that cannot be unwrapped: the store then sends bulk creates as JDBC batches (which this data
 * source counts) rather than PostgreSQL {@code COPY}.
 */
final class FailingDataSource implements DataSource {
  private final DataSource delegate;
  private final Consumer<Connection> breaker;
  private final AtomicInteger batchesLeft = new AtomicInteger(-1);

  FailingDataSource(DataSource delegate, Consumer<Connection> breaker) {
    this.delegate = delegate;
    this.breaker = breaker;
  }

  /** Breaks the connection before the {@code n}-th executeBatch from now (1 = the next one). */
  void breakBeforeBatch(int n) {
    batchesLeft.set(n);
  }

  /** How many executeBatch calls may still run before the break (0 once it happened). */
  int batchesLeft() {
    return batchesLeft.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(delegate.getConnection(user, password));
  }

  private Connection wrap(Connection real) {
    return (Connection) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("isWrapperFor")) {
            return args[0] == Connection.class;
          }
          Object out = invoke(real, method, args);
          if (out instanceof PreparedStatement) {
            return wrap(real, (PreparedStatement) out);
          }
          return out;
        });
  }

  private PreparedStatement wrap(Connection conn, PreparedStatement real) {
    return (PreparedStatement) Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class},
        (proxy, method, args) -> {
          if (method.getName().equals("executeBatch")
              && batchesLeft.get() > 0
              && batchesLeft.decrementAndGet() == 0) {
            breaker.accept(conn);
          }
          return invoke(real, method, args);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
