/**
 * An embeddable web dashboard for a fleet: {@link io.biggerfleet.dashboard.FleetDashboard} serves the
 * fleet overview, devices, groups, rollouts and the event log from the app's own JVM, with live
 * updates and, for an authorised operator ({@link io.biggerfleet.dashboard.DashboardAuth}), rollout
 * actions. Implementations live in {@code io.biggerfleet.dashboard.internal}.
 */
package io.biggerfleet.dashboard;
