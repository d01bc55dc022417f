package io.biggerfleet.pantahub.sim;

import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contract checks against a real hub; skipped unless {@code PANTAHUB_BASE_URL} is set.
 * Also needs {@code PANTAHUB_USERNAME}, {@code PANTAHUB_PASSWORD} and {@code PANTAHUB_DEVICE_ID} (a test
 * device of that user); optional {@code PANTAHUB_DEVICE_SECRET} (device-token checks) and
 * {@code PANTAHUB_ALLOW_WRITES=true} (checks that post steps, objects and user-meta to that device).
 */
@EnabledIfEnvironmentVariable(named = "PANTAHUB_BASE_URL", matches = ".+")
class RealPantahubContractTest extends PantahubFidelityContractTest {
  @Override
  protected Target target() {
    return new Target(
        URI.create(env("PANTAHUB_BASE_URL").replaceAll("/+$", "")),
        env("PANTAHUB_USERNAME"),
        env("PANTAHUB_PASSWORD"),
        env("PANTAHUB_DEVICE_ID"),
        System.getenv("PANTAHUB_DEVICE_SECRET"),
        "true".equals(System.getenv("PANTAHUB_ALLOW_WRITES")),
        false);
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          "set " + name + " to run the contract checks against a real hub");
    }
    return v;
  }
}
