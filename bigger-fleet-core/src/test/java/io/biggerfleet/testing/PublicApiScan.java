package io.biggerfleet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the places where a module's public API names a type it must not: a type of an {@code internal}
 * package, or of a third-party library the module uses only inside. Each module's {@code PublicApiTest}
 * runs it over its own classes with its own list of forbidden prefixes.
 *
 * <p>The public API is every public class outside {@code internal} packages, and its public and protected
 * methods, constructors and fields, with their generic types (so {@code List<JsonNode>} is a leak too).
 * Stateless; safe from any thread.
 */
public final class PublicApiScan {
  private PublicApiScan() {}

  /**
   * The leaks in the module whose classes folder (or jar) holds {@code anchor}, one line each:
   * {@code where} and the offending type. Empty when the API is clean.
   */
  public static List<String> leaks(Class<?> anchor, List<String> forbiddenPrefixes) {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : publicApiClasses(anchor)) {
      leaks.addAll(leaksOf(c, forbiddenPrefixes));
    }
    return leaks;
  }

  /** The public API classes of the module that holds {@code anchor}. */
  public static List<Class<?>> publicApiClasses(Class<?> anchor) {
    try {
      Path root =
          Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<Class<?>> out = new ArrayList<>();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String rel = root.relativize(p).toString().replace('\\', '/');
          if (!rel.endsWith(".class")
              || !rel.startsWith("io/biggerfleet/")
              || rel.contains("/internal/")
              || rel.endsWith("package-info.class")) {
            continue;
          }
          Class<?> c = Class.forName(
              rel.substring(0, rel.length() - 6).replace('/', '.'), false, anchor.getClassLoader());
          if (isVisible(c)) {
            out.add(c);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The leaks of one class's own signatures. */
  public static List<String> leaksOf(Class<?> c, List<String> forbiddenPrefixes) {
    List<String> leaks = new ArrayList<>();
    check(leaks, forbiddenPrefixes, c.getName() + " extends", c.getGenericSuperclass());
    for (Type t : c.getGenericInterfaces()) {
      check(leaks, forbiddenPrefixes, c.getName() + " implements", t);
    }
    for (Method m : c.getDeclaredMethods()) {
      if (isApi(m.getModifiers()) && !m.isSynthetic()) {
        String where = c.getName() + "." + m.getName();
        check(leaks, forbiddenPrefixes, where + " returns", m.getGenericReturnType());
        for (Type t : m.getGenericParameterTypes()) {
          check(leaks, forbiddenPrefixes, where + " takes", t);
        }
        for (Type t : m.getGenericExceptionTypes()) {
          check(leaks, forbiddenPrefixes, where + " throws", t);
        }
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (isApi(k.getModifiers())) {
        for (Type t : k.getGenericParameterTypes()) {
          check(leaks, forbiddenPrefixes, c.getName() + "(constructor) takes", t);
        }
      }
    }
    for (Field f : c.getDeclaredFields()) {
      if (isApi(f.getModifiers())) {
        check(leaks, forbiddenPrefixes, c.getName() + "." + f.getName(), f.getGenericType());
      }
    }
    return leaks;
  }

  private static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(List<String> leaks, List<String> forbidden, String where, Type type) {
    if (type == null) {
      return;
    }
    String name = type.getTypeName();
    for (String bad : forbidden) {
      if (name.contains(bad)) {
        leaks.add(where + " " + name);
      }
    }
  }

  private static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers())
          && !(k != c && Modifier.isProtected(k.getModifiers()))) {
        return false;
      }
    }
    return true;
  }
}
