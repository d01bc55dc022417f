package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.testing.contract.TokenStoreContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTokenStore} against the token store contract, plus what a file adds: it outlives the store. */
class FileTokenStoreContractTest extends TokenStoreContractTest {
  @TempDir
  Path dir;

  @Override
  protected TokenStore newStore() {
    return FileTokenStore.at(dir.resolve("state").resolve("tokens.json"));
  }

  @Test
  void save_isReadByANewStoreOnTheSameFile_andTheFileIsOwnerOnly() throws Exception {
    Path file = dir.resolve("tokens.json");
    FileTokenStore.at(file).save(HUB, SECRET);
    assertThat(FileTokenStore.at(file).load(HUB)).contains(SECRET);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
