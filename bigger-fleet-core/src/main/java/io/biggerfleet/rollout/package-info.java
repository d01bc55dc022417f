/**
 * Rollouts: the stored {@link io.biggerfleet.rollout.Rollout}, its lifecycle {@link io.biggerfleet.rollout.RolloutState} with the one transition table, and per-device progress.
 */
package io.biggerfleet.rollout;
