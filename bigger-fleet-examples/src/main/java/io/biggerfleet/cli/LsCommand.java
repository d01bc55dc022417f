package io.biggerfleet.cli;

import io.biggerfleet.group.Listing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet ls PATH}: the devices under a group, each by its device path with its fleet tags,
 * then {@code Found N devices}. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "ls",
    description = "List the devices under a group path.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet ls /",
      "  /co/cisco/121XPs/DEVICEID-5@cisco.com canary",
      "  /co/cisco/121XPs/DEVICEID-2@cisco.com -",
      "  Found 2 devices",
      "",
      "Exit codes: 0 ok, 1 failed, 2 bad path."
    })
final class LsCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "Group path (default /).")
  String path = "/";

  LsCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    Listing l = session.fleet().ls(path);
    if (session.json()) {
      List<Map<String, Object>> entries = new ArrayList<>();
      for (Listing.Entry e : l.entries()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", e.devicePath());
        m.put("group", e.group().toString());
        m.put("device", e.device().toString());
        m.put("tags", List.copyOf(e.tags()));
        entries.add(m);
      }
      session.printJson(ActionReport.fields(
          "path", l.path().toString(), "entries", entries, "devices", l.deviceCount()));
    } else {
      l.lines().forEach(x -> session.out().println(TerminalText.line(x)));
    }
    return ExitCode.OK;
  }
}
