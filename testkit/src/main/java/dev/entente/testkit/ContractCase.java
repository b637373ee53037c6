package dev.entente.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a case of a contract kit checks: the rules of {@code docs/rules.md} it guards, the first
 * being the one its name starts with ({@code R_SRC_2_…} checks R-SRC-2), and whether an
 * implementation must pass it.
 *
 * <p>A {@link Requirement#REQUIRED required} case checks what every implementation of the port must
 * do. An {@link Requirement#OPTIONAL optional} case checks a {@link Capability}: it always runs,
 * and checks what the implementation declares — the capability when it declares it, and, when it
 * does not, that it does without it as the port allows (a feed that declares no signal never
 * signals). No case is skipped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ContractCase {
  /** {@return the ids of the rules the case checks, the main one first} */
  String[] rules();

  /** {@return whether an implementation must pass the case} */
  Requirement requirement() default Requirement.REQUIRED;

  /** {@return for an optional case, the capability it checks; otherwise {@link Capability#NONE}} */
  Capability capability() default Capability.NONE;
}
