package dev.entente.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * How Immutables generates core's values: the generated {@code Immutable*} classes are
 * package-private and never appear in a public signature; callers use the hand-written {@code
 * of(...)}, {@code builder()} and {@code toBuilder()} of the public abstract types. Public only so
 * that every package of core can use it; this package is not exported.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false),
    throwForInvalidImmutableState = dev.entente.errors.MissingFieldException.class,
    // No @Generated or other classpath annotations on generated classes: users compile against
    // this module without Immutables, and javac warns about annotations it cannot resolve.
    allowedClasspathAnnotations = {Override.class},
    strictBuilder = false,
    jdkOnly = false)
public @interface ValueStyle {}
