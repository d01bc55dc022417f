/**
 * Fakes for tests, examples and JShell (artifact {@code bigger-fleet-testing}, added with test scope):
 * {@link io.biggerfleet.testing.FakeDeviceRegistry}, the walkthrough's eleven devices in
 * {@link io.biggerfleet.testing.WalkthroughFleet}, and {@link io.biggerfleet.testing.FakeTrails}, a
 * deterministic simulated fleet behind the trails SPI. Not for production use.
 */
package io.biggerfleet.testing;
