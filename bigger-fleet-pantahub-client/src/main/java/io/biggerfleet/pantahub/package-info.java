/**
 * A client for the Pantahub REST API ({@code pantahub-api.md}) that implements Bigger Fleet's core SPIs.
 *
 * <p>Start with {@link io.biggerfleet.pantahub.PantahubClient#builder()}. The client's facades cover
 * devices ({@link io.biggerfleet.pantahub.PantahubDevices}, a
 * {@link io.biggerfleet.spi.DeviceRegistry}), trails ({@link io.biggerfleet.pantahub.PantahubTrails},
 * a {@link io.biggerfleet.spi.DeviceTrails}), objects, the changes feed, logs and authentication
 * (password, refresh, browser/PKCE login, app delegation, personal access tokens, a
 * {@link io.biggerfleet.pantahub.TokenStore}). Errors are unchecked
 * {@link io.biggerfleet.pantahub.PantahubException}s. Everything public here is immutable or
 * thread-safe as documented; {@code io.biggerfleet.pantahub.internal} is not API.
 */
package io.biggerfleet.pantahub;
