/**
 * Rollouts: the stored {@link io.biggerfleet.model.Rollout}, its lifecycle {@link io.biggerfleet.model.RolloutState} with the one transition table, and per-device progress.
 */
package io.biggerfleet.rollout;
