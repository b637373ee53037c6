package dev.entente.testkit.quicktheories;

import dev.entente.testkit.Generator;
import java.util.Objects;
import org.quicktheories.core.Gen;

/**
 * The testkit's generators as QuickTheories {@link Gen}s, whose failures QuickTheories shrinks.
 *
 * <pre>{@code
 * qt().forAll(QuickTheoriesGenerators.gen(EntenteGenerators::organization))
 *     .check(org -> !org.identitySources().isEmpty());
 * }</pre>
 *
 * <p>The generator draws its numbers through QuickTheories' own source, so QuickTheories replays a
 * failing value with smaller numbers; each bounded draw shrinks towards its origin, which the kit's
 * generators treat as the simplest choice.
 */
public final class QuickTheoriesGenerators {
  private QuickTheoriesGenerators() {}

  /**
   * {@return a QuickTheories generator of {@code generator}'s values}
   *
   * @param <T> the type of the values
   * @param generator any generator of the kit, or of your own
   */
  public static <T> Gen<T> gen(Generator<? extends T> generator) {
    Objects.requireNonNull(generator, "generator");
    return in -> generator.next(new ShrinkingRandom(in));
  }
}
