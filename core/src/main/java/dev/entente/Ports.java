package dev.entente;

import dev.entente.errors.EntenteException;
import dev.entente.errors.PortFailureException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Calls into a host's port. What the port throws that is not Entente's own — a runtime exception,
 * or a checked one thrown sneakily (from Kotlin, or through a lambda) — is reported as a {@link
 * PortFailureException} naming the port and operation, with the original as its cause; so is a null
 * where the port's interface promises a value. Errors ({@code OutOfMemoryError} …) pass.
 */
final class Ports {
  private Ports() {}

  /** The port's result, which must not be null. */
  static <T> T call(String port, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (EntenteException e) {
      throw e;
    } catch (Exception e) { // a checked exception can arrive here, thrown sneakily
      throw new PortFailureException(port, e);
    }
    if (result == null) {
      throw new PortFailureException(port, "returned null, which its interface does not allow");
    }
    return result;
  }

  /** The port's list, which must be neither null nor hold null: a copy the port cannot change. */
  static <T> List<T> callList(String port, Supplier<List<T>> call) {
    List<T> result = call(port, call);
    for (int i = 0; i < result.size(); i++) {
      if (result.get(i) == null) {
        throw new PortFailureException(
            port,
            "returned a list holding null at index " + i + ", which its interface does not allow");
      }
    }
    return List.copyOf(result);
  }

  /** Runs a port's operation that returns nothing. */
  static void run(String port, Runnable call) {
    call(
        port,
        () -> {
          call.run();
          return Boolean.TRUE;
        });
  }
}
