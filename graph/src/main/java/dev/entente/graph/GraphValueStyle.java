package dev.entente.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * How Immutables generates this package's values, as in core: package-private implementations
 * behind the public abstract types. Source retention, so that users compile without Immutables.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false),
    throwForInvalidImmutableState = dev.entente.errors.MissingFieldException.class,
    allowedClasspathAnnotations = {Override.class},
    strictBuilder = false,
    jdkOnly = true)
@interface GraphValueStyle {}
