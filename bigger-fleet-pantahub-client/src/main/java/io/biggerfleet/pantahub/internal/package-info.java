/**
 * Implementation of the Pantahub client: HTTP transport with retries and token renewal, the session,
 * JSON mapping. Not API: may change without notice; do not use it from outside the client.
 */
package io.biggerfleet.pantahub.internal;
