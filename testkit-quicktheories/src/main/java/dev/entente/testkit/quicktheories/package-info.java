/**
 * QuickTheories adapters for the testkit's generators: {@link
 * dev.entente.testkit.quicktheories.QuickTheoriesGenerators#gen(dev.entente.testkit.Generator)}.
 */
@NullMarked
package dev.entente.testkit.quicktheories;

import org.jspecify.annotations.NullMarked;
