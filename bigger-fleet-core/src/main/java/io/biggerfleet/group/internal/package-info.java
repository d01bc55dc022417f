/**
 * Not API. The membership engine behind groups and selectors: dense device ordinals, the
 * RoaringBitmap attribute index, plan evaluation with lower/upper bounds, incremental maintenance,
 * path globs and bitmap-backed device sets. {@link io.biggerfleet.group.internal.GroupCommands} is the
 * one entry point, used by {@link io.biggerfleet.FleetClient}.
 */
package io.biggerfleet.group.internal;
