/**
 * Fakes for tests, examples and JShell: {@link io.biggerfleet.testing.FakeDeviceRegistry} and the walkthrough's eleven devices in {@link io.biggerfleet.testing.WalkthroughFleet}. Not for production use.
 */
package io.biggerfleet.testing;
