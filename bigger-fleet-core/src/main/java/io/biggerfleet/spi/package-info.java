/**
 * Extension points: {@link io.biggerfleet.spi.DeviceRegistry} (where devices come from), {@link io.biggerfleet.spi.DeviceTrails} (posting steps and watching progress) and {@link io.biggerfleet.spi.FleetStore} (what the fleet keeps, with versioned atomic writes), with their value types. See docs/spi.md.
 *
 * <p><b>Lease vocabulary</b> (one word, one meaning, here and in the engine, the stores and the docs):
 * <ul>
 *   <li><b>lease</b> ({@link io.biggerfleet.spi.RolloutLease}): the time-limited, fenced right of one
 *       <b>holder</b> (an engine instance, named by the caller) to drive one key — a rollout, one partition
 *       of a rollout ({@code ROLLOUT#pK}) or an engine's instance slot. Nothing else is called a lease;
 *       in-process mutual exclusion is a <em>lock</em>.
 *   <li><b>acquire</b>, <b>renew</b>, <b>release</b>: the only three things a holder does with a lease
 *       ({@link io.biggerfleet.spi.RolloutLeases}); a lease <b>expires</b> when not renewed in time, and is
 *       <b>lost</b> ({@link io.biggerfleet.LeaseLostException}) once it expired or another holder acquired
 *       it. A new holder gets a larger <b>fencing token</b>; a {@link io.biggerfleet.spi.WriteBatch}
 *       <b>fenced by</b> a lost lease is refused.
 *   <li>{@link io.biggerfleet.spi.RolloutLeases} is the store of leases (in memory, or the JDBC store's
 *       {@code leases()}); {@code RolloutLeasing} is how an engine uses them (shared or local, holder
 *       name, lease duration, partitions).
 * </ul>
 *
 * <p>Null-marked: nothing here takes or returns null unless it says {@code @Nullable}.
 */
@NullMarked
package io.biggerfleet.spi;

import org.jspecify.annotations.NullMarked;
