/**
 * Abstract JUnit 5 contract suites, one per SPI: a test class of an implementation extends the suite and
 * supplies a fresh instance (or a fixture), and inherits every test the engine relies on.
 * {@link io.biggerfleet.testing.contract.FleetStoreContractTest},
 * {@link io.biggerfleet.testing.contract.RolloutLeasesContractTest},
 * {@link io.biggerfleet.testing.contract.DeviceTrailsContractTest},
 * {@link io.biggerfleet.testing.contract.DeviceRegistryContractTest} and
 * {@link io.biggerfleet.testing.contract.TokenStoreContractTest} (the Pantahub client's token store; needs
 * {@code bigger-fleet-pantahub-client}). See docs/testing.md.
 */
package io.biggerfleet.testing.contract;
