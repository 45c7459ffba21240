package io.renderwatch.core.engine;

import java.util.function.BooleanSupplier;

/** Waiting on a monitor the caller holds, for closing: an interrupt is kept, not obeyed. */
final class Waits {

  private Waits() {}

  /** Waits on {@code lock}, which the caller holds, while {@code busy} says so. */
  static void whileBusy(Object lock, BooleanSupplier busy) {
    boolean interrupted = false;
    while (busy.getAsBoolean()) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
