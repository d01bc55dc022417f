package io.biggerfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.Device;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src/main/java/io/biggerfleet/examples/ReadmeExample.java");

  @Test
  void readmeShowsExactlyTheExampleThatCompilesHere() throws IOException {
    List<String> source = Files.readAllLines(SOURCE);
    int begin = source.indexOf("    // README-BEGIN");
    int end = source.indexOf("    // README-END");
    String example = source.subList(begin + 1, end).stream()
        .map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(Collectors.joining("\n"));

    assertThat(begin).isPositive();
    assertThat(Files.readString(README)).contains(example);
  }

  @Test
  void example_tagsThePoolDeviceAndSetsItsOwner() {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Device d;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      d = ReadmeExample.run();
    } finally {
      System.setOut(saved);
    }

    assertThat(d.tags()).containsExactly("canary");
    assertThat(d.attributes().get("Fleet-Owner")).contains("network-ops");
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .contains("Model: 121XPs")
        .contains("Fleet-Tags: canary");
  }
}
