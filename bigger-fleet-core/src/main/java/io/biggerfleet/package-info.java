/**
 * Bigger Fleet's front door: {@link io.biggerfleet.FleetClient}, the exception types every module throws, and {@link io.biggerfleet.ManualClock} for tests and simulations.
 */
package io.biggerfleet;
