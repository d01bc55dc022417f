/**
 * Groups, selectors and fleet tags: stored {@link io.biggerfleet.model.Group} definitions and their
 * {@link io.biggerfleet.group.GroupPath paths}, the {@link io.biggerfleet.group.SelectorResolver} that
 * turns selectors (group paths, device paths, globs, expressions) into device sets, and the results of
 * the group and tag commands of {@link io.biggerfleet.FleetClient} ({@link io.biggerfleet.group.GroupUpdate},
 * {@link io.biggerfleet.group.Listing}, {@link io.biggerfleet.group.TagChange}). See {@code docs/groups.md}.
 */
package io.biggerfleet.group;
