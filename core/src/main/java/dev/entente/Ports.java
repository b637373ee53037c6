package dev.entente;

import dev.entente.errors.EntenteException;
import dev.entente.errors.PortFailureException;
import java.util.function.Supplier;

/** Calls into a host's port, reporting its own exceptions as a {@link PortFailureException}. */
final class Ports {
  private Ports() {}

  static <T> T call(String port, Supplier<T> call) {
    try {
      return call.get();
    } catch (EntenteException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PortFailureException(port, e);
    }
  }
}
