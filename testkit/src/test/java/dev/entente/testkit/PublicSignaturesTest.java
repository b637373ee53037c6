package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entente.Entente;
import dev.entente.model.ConnectedOrganization;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Embedders bring their own Guava and ICU4J: no public or protected signature of a published module
 * (spi, core, testkit) names a {@code com.google.common} or {@code com.ibm.icu} type — not a return
 * type, parameter, field, supertype, thrown type or type argument, and not through a public method
 * inherited from a package-private class (the builders Immutables generates).
 */
class PublicSignaturesTest {
  private static final List<String> FOREIGN = List.of("com.google.common.", "com.ibm.icu.");

  @Test
  void noPublishedSignatureNamesAGuavaType() throws Exception {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> marker :
        List.of(ConnectedOrganization.class, Entente.class, EntenteGenerators.class)) {
      types.addAll(publicTypesBeside(marker));
    }
    assertTrue(
        types.size() > 60,
        "the scan should see every public type of spi, core and testkit, saw " + types.size());
    Set<String> offenders = new TreeSet<>();
    for (Class<?> type : types) {
      check(type.getName() + " extends", type.getGenericSuperclass(), offenders);
      for (Type i : type.getGenericInterfaces()) {
        check(type.getName() + " implements", i, offenders);
      }
      for (Method m : type.getMethods()) {
        checkExecutable(
            type,
            m,
            m.getGenericReturnType(),
            m.getGenericParameterTypes(),
            m.getGenericExceptionTypes(),
            offenders);
      }
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isProtected(m.getModifiers())) {
          checkExecutable(
              type,
              m,
              m.getGenericReturnType(),
              m.getGenericParameterTypes(),
              m.getGenericExceptionTypes(),
              offenders);
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())) {
          checkExecutable(
              type, c, null, c.getGenericParameterTypes(), c.getGenericExceptionTypes(), offenders);
        }
      }
      for (Field f : type.getFields()) {
        check(type.getName() + "." + f.getName(), f.getGenericType(), offenders);
      }
    }
    assertEquals(Set.of(), offenders, "public signatures that name a Guava or ICU4J type");
  }

  private static void checkExecutable(
      Class<?> owner, Member m, Type returns, Type[] params, Type[] thrown, Set<String> offenders) {
    String where = owner.getName() + "." + m.getName();
    if (returns != null) {
      check(where + " returns", returns, offenders);
    }
    for (Type p : params) {
      check(where + " takes", p, offenders);
    }
    for (Type t : thrown) {
      check(where + " throws", t, offenders);
    }
  }

  private static void check(String where, Type type, Set<String> offenders) {
    collect(type, new HashSet<>()).stream()
        .filter(name -> FOREIGN.stream().anyMatch(name::startsWith))
        .forEach(name -> offenders.add(where + " " + name));
  }

  private static Set<String> collect(Type type, Set<String> out) {
    if (type instanceof Class<?> c) {
      out.add(c.getName());
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), out);
      for (Type a : p.getActualTypeArguments()) {
        collect(a, out);
      }
    } else if (type instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), out);
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> collect(b, out));
    } else if (type instanceof TypeVariable<?> v && out.add("var " + v.getName())) {
      for (Type b : v.getBounds()) {
        collect(b, out);
      }
    }
    return out;
  }

  /**
   * The public types (top-level and nested) of every dev.entente package in the marker's jar or
   * class folder.
   */
  private static List<Class<?>> publicTypesBeside(Class<?> marker)
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        files.map(p -> root.relativize(p).toString().replace('\\', '/')).forEach(names::add);
      }
    } else {
      try (JarFile jar = new JarFile(root.toFile())) {
        jar.stream().map(e -> e.getName()).forEach(names::add);
      }
    }
    List<Class<?>> out = new ArrayList<>();
    for (String name : names) {
      if (!name.startsWith("dev/entente/")
          || !name.endsWith(".class")
          || name.endsWith("module-info.class")
          || name.endsWith("package-info.class")) {
        continue;
      }
      Class<?> type =
          Class.forName(
              name.substring(0, name.length() - 6).replace('/', '.'),
              false,
              marker.getClassLoader());
      if (isPublicApi(type)) {
        out.add(type);
      }
    }
    return out;
  }

  private static boolean isPublicApi(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
        return false;
      }
    }
    return true;
  }
}
