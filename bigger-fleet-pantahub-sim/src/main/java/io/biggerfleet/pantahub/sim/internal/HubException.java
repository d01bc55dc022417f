package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer in one of the real hub's shapes: the REST error body
 * {@code {"error":"REST-ERR-ID-<nanos>","msg":…,"code":…}} or the router/middleware body
 * {@code {"Error":"…"}}. Not API.
 */
public final class HubException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final boolean plain;
  private final String userMessage;
  private final String wwwAuthenticate;

  private HubException(
      int status, boolean plain, String userMessage, String reason, String wwwAuthenticate) {
    super(reason == null ? userMessage : reason);
    this.status = status;
    this.plain = plain;
    this.userMessage = userMessage;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** A REST error; {@code reason} is for the simulator's own diagnostics and is not returned. */
  public static HubException rest(int status, String reason) {
    return new HubException(status, false, null, reason, null);
  }

  /** A REST error whose {@code msg} is returned to the caller (the real hub does this for a few errors). */
  public static HubException restWithMsg(int status, String msg) {
    return new HubException(status, false, msg, msg, null);
  }

  /** {@code {"Error":"<text>"}}. */
  public static HubException plain(int status, String text) {
    return new HubException(status, true, text, text, null);
  }

  /** 401 {@code {"Error":"Not Authorized"}} with the hub's WWW-Authenticate header. */
  public static HubException notAuthorized(String authEndpoint) {
    return new HubException(
        401,
        true,
        "Not Authorized",
        "Not Authorized",
        "JWT realm=\"pantahub services\", ph-aeps=\"" + authEndpoint + "\"");
  }

  /** 403 for a token without the route's scope. */
  public static HubException insufficientScope() {
    return new HubException(
        403,
        false,
        null,
        "insufficient scope",
        "Bearer realm=\"pantahub services\", error=\"insufficient_scope\", "
            + "error_description=\"The request requires higher privileges than provided by the access token.\"");
  }

  public int status() {
    return status;
  }

  public String wwwAuthenticate() {
    return wwwAuthenticate;
  }

  /** The body the real hub would send. */
  public ObjectNode body(long nanos) {
    ObjectNode n = Json.object();
    if (plain) {
      n.put("Error", userMessage);
    } else {
      n.put("error", "REST-ERR-ID-" + nanos);
      if (userMessage != null) {
        n.put("msg", userMessage);
      }
      n.put("code", status);
    }
    return n;
  }
}
