package dev.entente;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * How Immutables generates this package's values, as in the model's packages: the generated {@code
 * Immutable*} classes are package-private and never appear in a public signature.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false),
    throwForInvalidImmutableState = dev.entente.errors.MissingFieldException.class,
    allowedClasspathAnnotations = {Override.class},
    strictBuilder = false,
    jdkOnly = false)
@interface ValueStyle {}
