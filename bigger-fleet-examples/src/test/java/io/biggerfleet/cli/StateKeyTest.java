package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateKeyTest {
  @TempDir
  Path tmp;

  @Test
  void stateKey_createdOnceEvenWhenTwoOpenersRace() throws Exception {
    Files.createDirectories(tmp.resolve("race"));
    List<String> keys = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Thread[] threads = new Thread[8];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(() -> keys.add(StateKey.in(tmp.resolve("race")).readOrCreate()));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(keys).hasSize(8).containsOnly(keys.get(0));
  }
}
