package io.biggerfleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code bigger-fleet --version}: the version and the git commit it was built from. */
final class VersionInfo implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }

  /** {@code bigger-fleet 0.1.0-SNAPSHOT (commit 1a2b3c4)}; {@code unknown} parts when built outside git. */
  static String line() {
    Properties version = load("version.properties");
    Properties git = load("git.properties");
    String commit = git.getProperty("git.commit.id.abbrev", "unknown");
    boolean dirty = Boolean.parseBoolean(git.getProperty("git.dirty", "false"));
    return "bigger-fleet " + version.getProperty("version", "unknown") + " (commit " + commit
        + (dirty ? ", with uncommitted changes" : "") + ")";
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream(name)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource only means "unknown"
    }
    return p;
  }
}
