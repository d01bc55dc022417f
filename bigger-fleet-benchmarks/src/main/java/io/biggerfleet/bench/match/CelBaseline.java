package io.biggerfleet.bench.match;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.biggerfleet.device.Attribute;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * cel-java set up for the suite: variables {@code attrs} (map of string to string, a live view of a
 * device's attributes) and {@code sid} (its system id), the strings extension, and three custom
 * functions bound to the same helpers the hand-written predicates use.
 */
final class CelBaseline {
  static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .addVar("attrs", MapType.create(SimpleType.STRING, SimpleType.STRING))
      .addVar("sid", SimpleType.INT)
      .addLibraries(CelExtensions.strings())
      .addFunctionDeclarations(
          CelFunctionDecl.newFunctionDeclaration(
              "size_bytes",
              CelOverloadDecl.newGlobalOverload(
                  "size_bytes_string", SimpleType.DOUBLE, SimpleType.STRING)),
          CelFunctionDecl.newFunctionDeclaration(
              "version_cmp",
              CelOverloadDecl.newGlobalOverload(
                  "version_cmp_string_string",
                  SimpleType.INT,
                  SimpleType.STRING,
                  SimpleType.STRING)),
          CelFunctionDecl.newFunctionDeclaration(
              "bucket",
              CelOverloadDecl.newGlobalOverload(
                  "bucket_int_int", SimpleType.INT, SimpleType.INT, SimpleType.INT)))
      .build();

  static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .addLibraries(CelExtensions.strings())
      .addFunctionBindings(
          CelFunctionBinding.from(
              "size_bytes_string", String.class, s -> (double) Baselines.sizeBytes(s)),
          CelFunctionBinding.from("version_cmp_string_string", String.class, String.class, (a, b) ->
              (long) Baselines.compareVersions(a, b)),
          CelFunctionBinding.from(
              "bucket_int_int", Long.class, Long.class, (sid, n) -> Baselines.bucket(sid, n)))
      .build();

  private CelBaseline() {}

  static CelRuntime.Program program(String expression) {
    try {
      return RUNTIME.createProgram(COMPILER.compile(expression).getAst());
    } catch (Exception e) {
      throw new IllegalStateException(
          "CEL could not compile " + expression + ": " + e.getMessage(), e);
    }
  }

  static boolean eval(CelRuntime.Program program, Device d) {
    AttributesView view = new AttributesView(d.attributes());
    long sid = d.systemId();
    try {
      return (Boolean) program.eval(name -> name.equals("attrs")
          ? Optional.of(view)
          : name.equals("sid") ? Optional.of(sid) : Optional.empty());
    } catch (CelEvaluationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A read-only map view of {@link Attributes} (winning values), without copying. */
  static final class AttributesView extends AbstractMap<String, String> {
    private final Attributes attributes;

    AttributesView(Attributes attributes) {
      this.attributes = attributes;
    }

    @Override
    public String get(Object key) {
      return key instanceof String ? attributes.valueOrNull((String) key) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Map<String, String> copy = new LinkedHashMap<>();
      for (Attribute a : attributes.all()) {
        copy.put(a.name(), attributes.valueOrNull(a.name()));
      }
      return copy.entrySet();
    }
  }
}
