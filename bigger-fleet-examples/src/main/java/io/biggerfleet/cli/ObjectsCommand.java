package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet objects upload FILE}: uploads a file as a Pantahub object (skipped when the hub
 * already has the bytes) and prints its sha and the reference a rollout's change uses
 * ({@code prn::pantahub.com:objects:/<sha>}). One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "objects",
    description = "Upload objects that changes reference.",
    subcommands = ObjectsCommand.Upload.class)
final class ObjectsCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code objects upload FILE [--name NAME]}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "upload",
      description = "Upload FILE as an object; print its sha.",
      footer = {
        "",
        "Example:",
        "  bigger-fleet objects upload kernel-5.15.img",
        "  Uploaded kernel-5.15.img (1048576 bytes) as object 3f9c...e1",
        "  Use it in a change: change=set kernel=prn::pantahub.com:objects:/3f9c...e1",
        "",
        "Exit codes: 0 ok, 1 the hub refused, 2 unreadable file."
      })
  static final class Upload implements Callable<Integer> {
    /** Objects larger than this are refused here (the CLI reads the file into memory). */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private final CliSession session;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to upload.")
    Path file;

    @Option(names = "--name", description = "The object's name (default: the file name).")
    String name;

    Upload(CliSession session) {
      this.session = session;
    }

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new InvalidInputException("Cannot read '" + file + "': not a readable file");
      }
      byte[] bytes;
      try {
        if (Files.size(file) > MAX_BYTES) {
          throw new InvalidInputException(
              "'" + file + "' is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new InvalidInputException("Cannot read '" + file + "': " + e.getMessage());
      }
      session.requireLogin();
      String objectName = name == null || name.isBlank() ? file.getFileName().toString() : name;
      boolean uploaded = session.pantahub().objects().upload(objectName, bytes, null);
      String sha = sha256(bytes);
      String ref = "prn::pantahub.com:objects:/" + sha;
      if (session.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", objectName);
        m.put("sha256", sha);
        m.put("size", bytes.length);
        m.put("uploaded", uploaded);
        m.put("reference", ref);
        session.printJson(m);
      } else {
        session
            .out()
            .println((uploaded ? "Uploaded " : "The hub already has ") + objectName + " ("
                + bytes.length + " bytes) as object " + sha);
        session.out().println("Use it in a change: change=set kernel=" + ref);
      }
      return ExitCode.OK;
    }

    private static String sha256(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new FleetException("SHA-256 not available", e);
      }
    }
  }
}
