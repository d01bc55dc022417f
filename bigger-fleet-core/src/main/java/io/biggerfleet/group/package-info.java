/**
 * Groups and selectors: stored {@link io.biggerfleet.group.Group} definitions and the {@link io.biggerfleet.group.SelectorResolver} that turns selectors into device sets.
 */
package io.biggerfleet.group;
