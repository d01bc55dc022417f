package io.biggerfleet.pantahub.sim.internal;

/**
 * Who may read or write a trail, and path parsing shared by the trails handlers. Call under the hub
 * lock. Not API.
 */
final class TrailAccess {
  private final Hub hub;

  TrailAccess(Hub hub) {
    this.hub = hub;
  }

  /** The trail of path group 1; unknown or non-hex ids are 500 like the real hub. */
  TrailRec trailOf(Request req) {
    TrailRec t = hub.trails.get(req.group(1));
    if (t == null) {
      throw HubException.rest(500, "No resource access possible");
    }
    return t;
  }

  boolean canRead(Claims c, TrailRec t) {
    DeviceRec d = hub.devices.get(t.id);
    return d != null && (hub.owns(c, d) || d.isPublic);
  }

  TrailRec readableTrail(Request req) {
    TrailRec t = trailOf(req);
    if (!canRead(req.caller, t)) {
      throw HubException.rest(403, "no access");
    }
    return t;
  }

  /** Trail writable by a USER/SESSION owner or a DEVICE of the same owner. */
  TrailRec writableTrail(Request req) {
    TrailRec t = trailOf(req);
    Claims c = req.caller;
    DeviceRec d = hub.devices.get(t.id);
    boolean ok = c.isDevice()
        ? c.ownerPrn().equals(t.owner)
        : c.isUserOrSession() && d != null && hub.owns(c, d);
    if (!ok) {
      throw HubException.rest(403, "not the trail owner");
    }
    return t;
  }

  static int rev(Request req) {
    try {
      return Integer.parseInt(req.group(2));
    } catch (NumberFormatException e) {
      throw HubException.rest(500, "bad rev");
    }
  }

  StepRec readStep(Request req) {
    synchronized (hub) {
      TrailRec t = readableTrail(req);
      StepRec s = t.step(rev(req));
      if (s == null) {
        throw HubException.rest(500, "step not found");
      }
      return s;
    }
  }
}
