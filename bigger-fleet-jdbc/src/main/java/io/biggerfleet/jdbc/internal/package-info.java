/**
 * Implementation of the JDBC store: not API. One {@code RecordMapper} per record kind maps values to
 * tables ({@code DeviceMapper}, {@code GroupMapper}, {@code RolloutMapper}, {@code ProgressMapper});
 * {@code BatchWriter} applies a batch in one transaction; {@code SqlLeases} keeps leases and checks
 * fences; {@code Migrations} creates and upgrades the schema.
 */
package io.biggerfleet.jdbc.internal;
