/**
 * The durable {@link io.biggerfleet.spi.FleetStore} on JDBC: {@link io.biggerfleet.jdbc.JdbcFleetStore}
 * for H2 (embedded file, or in memory for tests) and PostgreSQL (shared by several app instances),
 * with {@link io.biggerfleet.spi.RolloutLeases} in the same database. Failures of the database are
 * {@link io.biggerfleet.jdbc.JdbcStoreException}s with a reason. Everything in {@code .internal} is
 * implementation and may change without notice. See {@code docs/storage.md}.
 */
package io.biggerfleet.jdbc;
