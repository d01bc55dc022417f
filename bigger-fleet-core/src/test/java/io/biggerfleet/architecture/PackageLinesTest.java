package io.biggerfleet.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the package and module lines of docs/architecture.md by scanning the main sources of every
 * module for references to {@code io.biggerfleet} packages (imports and fully qualified names).
 *
 * <p>Known debt — edges that cross a line today and are to be removed — is listed in {@link #DEBT}. The
 * list is a ratchet: a new crossing fails the build, and so does a debt edge that no longer exists (delete
 * it from the list when you remove it).
 */
class PackageLinesTest {
  private static final String ROOT = "io.biggerfleet";

  /** Core packages and the core packages each may use (besides itself and its own sub-packages). */
  private static final Map<String, Set<String>> CORE_LINES = Map.ofEntries(
      Map.entry("device", Set.of("")),
      Map.entry("event", Set.of("", "device")),
      Map.entry("match", Set.of("", "device")),
      Map.entry("model", Set.of("", "device")),
      Map.entry("spi", Set.of("", "device", "event", "model")),
      Map.entry("group", Set.of("", "device", "event", "match", "model", "spi")),
      Map.entry(
          "rollout", Set.of("", "device", "event", "group", "match", "model", "spi", "store")),
      Map.entry("store", Set.of("", "device", "event", "group", "model", "rollout", "spi")),
      Map.entry("metrics", Set.of("", "device", "event", "model", "rollout", "spi")));

  /** Modules and the core packages they may use; {@code *} = any public (non-internal) package. */
  private static final Map<String, Set<String>> MODULE_LINES = Map.of(
      "bigger-fleet-pantahub-client", Set.of("", "device", "event", "model", "spi"),
      "bigger-fleet-pantahub-sim", Set.of(),
      "bigger-fleet-jdbc", Set.of("", "device", "event", "model", "spi"),
      "bigger-fleet-testing", Set.of("", "device", "event", "model", "spi"),
      "bigger-fleet-examples", Set.of("*"),
      "bigger-fleet-dashboard", Set.of("*"),
      "bigger-fleet-benchmarks", Set.of("*"));

  /** Crossings that exist today and are to be removed (issue 14): "from-package -> to-package". */
  private static final Set<String> DEBT = Set.of();

  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern REFERENCE =
      Pattern.compile("\\bio\\.biggerfleet((?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
  private static List<Edge> edges;

  record Edge(String module, String from, String to, Path file) {
    String key() {
      return from + " -> " + to;
    }
  }

  @BeforeAll
  static void scan() throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(repo.resolve("bigger-fleet-core"))) {
      repo = repo.getParent();
    }
    assertThat(repo.resolve("bigger-fleet-core/src/main/java")).isDirectory();
    edges = new ArrayList<>();
    try (Stream<Path> modules = Files.list(repo)) {
      for (Path module : modules
          .filter(m -> m.getFileName().toString().startsWith("bigger-fleet-"))
          .toList()) {
        Path src = module.resolve("src/main/java");
        if (!Files.isDirectory(src)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(src)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            String text = Files.readString(f);
            Matcher pm = PACKAGE.matcher(text);
            if (!pm.find()) {
              continue;
            }
            String from = pm.group(1);
            Matcher rm = REFERENCE.matcher(text);
            Set<String> seen = new TreeSet<>();
            while (rm.find()) {
              String to = ROOT + rm.group(1);
              if (!to.equals(from) && seen.add(to)) {
                edges.add(new Edge(module.getFileName().toString(), from, to, f));
              }
            }
          }
        }
      }
    }
    assertThat(edges).as("references found").hasSizeGreaterThan(100);
  }

  @Test
  void internalPackages_areUsedOnlyByTheirOwnerOrTheCompositionRoot() {
    List<String> bad = new ArrayList<>();
    for (Edge e : edges) {
      int i = e.to().indexOf(".internal");
      if (i < 0) {
        continue;
      }
      String owner = e.to().substring(0, i);
      boolean own = e.from().equals(owner) || e.from().startsWith(owner + ".");
      boolean compositionRoot = e.from().equals(ROOT) && e.module().equals("bigger-fleet-core");
      if (!own && !compositionRoot) {
        bad.add(e.key() + " in " + e.file().getFileName());
      }
    }
    assertThat(bad).as("uses of another package's internals").isEmpty();
  }

  @Test
  void corePackages_useOnlyTheLayersBelowThem() {
    List<String> bad = new ArrayList<>();
    for (Edge e : edges) {
      if (!e.module().equals("bigger-fleet-core")
          || e.from().equals(ROOT)
          || DEBT.contains(e.key())) {
        continue;
      }
      String from = top(e.from());
      String to = top(e.to());
      if (from.equals(to)) {
        continue;
      }
      Set<String> allowed = CORE_LINES.get(from);
      assertThat(allowed).as("core package %s has no line in CORE_LINES", from).isNotNull();
      if (!allowed.contains(to)) {
        bad.add(e.key() + " in " + e.file().getFileName());
      }
    }
    assertThat(bad).as("core crossings not in docs/architecture.md").isEmpty();
  }

  @Test
  void modules_useOnlyThePublicCorePackagesTheirLineAllows() {
    List<String> bad = new ArrayList<>();
    for (Edge e : edges) {
      if (e.module().equals("bigger-fleet-core") || !isCore(e.to())) {
        continue;
      }
      Set<String> allowed = MODULE_LINES.get(e.module());
      assertThat(allowed)
          .as("module %s has no line in MODULE_LINES", e.module())
          .isNotNull();
      boolean ok = allowed.contains("*") || allowed.contains(top(e.to()));
      if (!ok) {
        bad.add(e.module() + ": " + e.key() + " in " + e.file().getFileName());
      }
    }
    assertThat(bad).as("module crossings not in docs/architecture.md").isEmpty();
  }

  @Test
  void testFakesAndContractSuites_liveOnlyInTheTestingModule() {
    List<String> bad = new ArrayList<>();
    for (Edge e : edges) {
      if (!e.module().equals("bigger-fleet-testing") && e.from().startsWith(ROOT + ".testing")) {
        bad.add(e.module() + ": " + e.from() + " in " + e.file().getFileName());
      }
    }
    assertThat(bad)
        .as("packages io.biggerfleet.testing* in a main jar other than bigger-fleet-testing")
        .isEmpty();
    assertThat(edges)
        .as("the testing module's sources were scanned")
        .anyMatch(e -> e.module().equals("bigger-fleet-testing")
            && e.from().equals(ROOT + ".testing.contract"));
  }

  @Test
  void debt_listsOnlyCrossingsThatStillExist() {
    Set<String> present = new TreeSet<>();
    edges.forEach(e -> present.add(e.key()));
    assertThat(present).as("remove fixed crossings from DEBT").containsAll(DEBT);
  }

  private static boolean isCore(String pkg) {
    String top = top(pkg);
    return CORE_LINES.containsKey(top) || top.isEmpty();
  }

  /** {@code io.biggerfleet.rollout.internal} → {@code rollout}; the root package → "". */
  private static String top(String pkg) {
    if (pkg.equals(ROOT)) {
      return "";
    }
    String rest = pkg.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
