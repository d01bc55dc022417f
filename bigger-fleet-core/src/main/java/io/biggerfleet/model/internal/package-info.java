/**
 * Not API. Validation helpers of the stored records in {@link io.biggerfleet.model} (the strict JSON syntax
 * check behind {@link io.biggerfleet.model.Change}).
 */
package io.biggerfleet.model.internal;
