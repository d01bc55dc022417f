/**
 * Store implementations that ship with core: {@link io.biggerfleet.store.InMemoryFleetStore}.
 */
package io.biggerfleet.store;
