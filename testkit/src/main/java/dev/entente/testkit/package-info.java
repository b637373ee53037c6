/**
 * Generators of valid Entente values for property-based tests.
 *
 * <p>{@link dev.entente.testkit.EntenteGenerators} is the one entry point. Each generator is a
 * plain function of a {@link java.util.random.RandomGenerator}, so any property-testing library (or
 * a plain loop over a seeded {@code SplittableRandom}) can use it; {@link
 * dev.entente.testkit.EntenteGenerators#gen(java.util.function.Function)} turns any of them into a
 * QuickTheories {@code Gen} whose failures shrink.
 */
@NullMarked
package dev.entente.testkit;

import org.jspecify.annotations.NullMarked;
