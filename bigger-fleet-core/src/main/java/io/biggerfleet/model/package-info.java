/**
 * The fleet's stored records: what the SPI ({@code io.biggerfleet.spi}) persists and the rollout and group
 * engines read and write. A {@link io.biggerfleet.model.Rollout} with its plan ({@link io.biggerfleet.model.RolloutStep},
 * {@link io.biggerfleet.model.StepConfig}, {@link io.biggerfleet.model.Change}), its lifecycle
 * {@link io.biggerfleet.model.RolloutState} with the one transition table ({@link io.biggerfleet.model.RolloutTransition}),
 * each device's {@link io.biggerfleet.model.DeviceRolloutProgress}, a stored {@link io.biggerfleet.model.Group}
 * definition and a device's desired {@link io.biggerfleet.model.TrailState}.
 *
 * <p>Immutable values, no behaviour beyond validation and the transition table. This package uses only
 * {@code io.biggerfleet.device} and the root exceptions; the SPI, the engines and the stores use it (see
 * docs/architecture.md).
 */
package io.biggerfleet.model;
