package io.biggerfleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.match.Matcher;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/**
 * Guards the public API of core: no public type, method, constructor or field in {@code io.biggerfleet.**}
 * (outside {@code internal} packages) may name an ANTLR type or a type of an internal package.
 */
class PublicApiTest {
  private static final List<String> FORBIDDEN = List.of("org.antlr.", "io.biggerfleet.match.internal");

  @Test
  void publicSignatures_nameNoAntlrOrInternalTypes() throws Exception {
    List<Class<?>> classes = publicApiClasses();
    assertThat(classes).as("scanned public classes").extracting(Class::getName).contains("io.biggerfleet.match.Matchers");
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : classes) {
      check(leaks, c.getName() + " extends", c.getGenericSuperclass());
      for (Type t : c.getGenericInterfaces()) {
        check(leaks, c.getName() + " implements", t);
      }
      for (Method m : c.getDeclaredMethods()) {
        if (isApi(m.getModifiers()) && !m.isSynthetic()) {
          String where = c.getName() + "." + m.getName();
          check(leaks, where + " returns", m.getGenericReturnType());
          for (Type t : m.getGenericParameterTypes()) {
            check(leaks, where + " takes", t);
          }
          for (Type t : m.getGenericExceptionTypes()) {
            check(leaks, where + " throws", t);
          }
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (isApi(k.getModifiers())) {
          for (Type t : k.getGenericParameterTypes()) {
            check(leaks, c.getName() + "(constructor) takes", t);
          }
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (isApi(f.getModifiers())) {
          check(leaks, c.getName() + "." + f.getName(), f.getGenericType());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void scanner_wouldCatchALeak() {
    List<String> leaks = new ArrayList<>();
    check(leaks, "probe", org.antlr.v4.runtime.Token.class);
    assertThat(leaks).hasSize(1);
  }

  private static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(List<String> leaks, String where, Type type) {
    if (type == null) {
      return;
    }
    String name = type.getTypeName();
    for (String bad : FORBIDDEN) {
      if (name.contains(bad)) {
        leaks.add(where + " " + name);
      }
    }
  }

  private static List<Class<?>> publicApiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(Matcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.endsWith(".class") || !rel.startsWith("io/biggerfleet/") || rel.contains("/internal/")) {
          continue;
        }
        Class<?> c = Class.forName(rel.substring(0, rel.length() - 6).replace('/', '.'), false,
            PublicApiTest.class.getClassLoader());
        if (isVisible(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) && !(k != c && Modifier.isProtected(k.getModifiers()))) {
        return false;
      }
    }
    return true;
  }
}
