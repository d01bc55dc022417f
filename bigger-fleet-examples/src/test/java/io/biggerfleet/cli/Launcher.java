package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the packaged CLI, {@code target/bigger-fleet}, as a process with a state folder, the way a user
 * runs it; for the {@code *IT} tests (verify phase, after packaging).
 */
final class Launcher {
  static final Path LAUNCHER = Path.of("target", "bigger-fleet").toAbsolutePath();
  private static final AtomicInteger RUNS = new AtomicInteger();

  record Result(int code, String out, String err) {}

  private final Path home;
  private final Path logs;

  Launcher(Path home, Path logs) {
    this.home = home;
    this.logs = logs;
  }

  /** Starts one command line; stdout and stderr go to files under the logs folder. */
  Started start(String stdin, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put(CliHome.ENV, home.toString());
    int n = RUNS.incrementAndGet();
    Path out = logs.resolve("out-" + n + ".txt");
    Path err = logs.resolve("err-" + n + ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    return new Started(p, out, err);
  }

  Result run(String stdin, String... args) throws IOException, InterruptedException {
    return start(stdin, args).await();
  }

  record Started(Process process, Path out, Path err) {
    Result await() throws IOException, InterruptedException {
      assertThat(process.waitFor(120, TimeUnit.SECONDS))
          .as("finished within 120 s")
          .isTrue();
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }
}
