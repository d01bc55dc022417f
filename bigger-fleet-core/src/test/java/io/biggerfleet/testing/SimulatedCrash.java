package io.biggerfleet.testing;

/** Thrown by {@link Crashes} to kill the engine between two effects, as a power cut would. */
public final class SimulatedCrash extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulatedCrash(String where) {
    super("simulated crash " + where, null, false, false);
  }
}
