package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;

/** One device log entry. Immutable. Not API. */
record LogRec(
    String id,
    String dev,
    String own,
    Instant timeCreated,
    long tsec,
    long tnano,
    String rev,
    String plat,
    String src,
    String lvl,
    String msg) {}
