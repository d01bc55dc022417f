/**
 * Metrics hooks: {@link io.biggerfleet.metrics.MeteredTrails} times hub calls for a
 * {@link io.biggerfleet.metrics.TrailCalls} listener; {@link io.biggerfleet.metrics.MicrometerMetrics}
 * puts them and the {@link io.biggerfleet.rollout.RolloutRunner}'s tick reports into Micrometer (an
 * optional dependency: only that class needs it).
 */
package io.biggerfleet.metrics;
