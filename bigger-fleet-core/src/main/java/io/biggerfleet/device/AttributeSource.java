package io.biggerfleet.device;

/**
 * Where a device attribute comes from. When the same name exists in several sources, the one listed
 * later here wins in {@link Attributes#get(String)}: a fleet value overrides the registry's, which
 * overrides what the device reported.
 */
public enum AttributeSource {
  /** Reported by the device itself (Pantahub {@code device-meta}): hardware, software, revision. */
  SYSTEM,
  /** Set by the owner in the device registry (Pantahub {@code user-meta}), e.g. {@code Device-Location}. */
  REGISTRY,
  /** Kept by Bigger Fleet in its own store: {@code Fleet-Tags} and {@code Fleet-*} meta. */
  FLEET
}
