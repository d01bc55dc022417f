package io.biggerfleet.cli;

import io.biggerfleet.model.Group;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet groups}: every group with its member count (empty groups too), the group it
 * refines and its expression; {@code groups remove PATH} removes one (refused while it has child groups
 * or a running rollout uses it, with the API's message). One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "groups",
    description = "List the groups with their device counts; 'groups remove PATH' removes one.",
    footer = {
      "",
      "Examples:",
      "  bigger-fleet groups",
      "  /co/cisco/121XPs       4  (refining /) Manufacturer==\"Cisco\" Model==\"121XPs\"",
      "  /specialsets/canary    0  (refining /) Fleet-Tags contains \"canary\"",
      "  bigger-fleet groups remove /specialsets/canary",
      "",
      "Exit codes: 0 ok, 1 failed (unknown group, group in use), 2 bad path."
    },
    subcommands = GroupsCommand.Remove.class)
final class GroupsCommand implements Callable<Integer> {
  private final CliSession session;

  GroupsCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    List<Group> groups = session.fleet().groups();
    int width = groups.stream().mapToInt(g -> g.path().length()).max().orElse(0);
    List<Map<String, Object>> json = new ArrayList<>();
    for (Group g : groups) {
      int n = session.fleet().selectors().resolve(g.path()).size();
      if (session.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", g.path());
        m.put("parent", g.parent());
        m.put("expression", g.expression());
        m.put("devices", n);
        json.add(m);
      } else {
        session
            .out()
            .printf(
                "%-" + width + "s %6d  (refining %s) %s%n",
                g.path(),
                n,
                g.parent(),
                g.expression());
      }
    }
    if (session.json()) {
      session.printJson(Map.of("groups", json));
    } else if (groups.isEmpty()) {
      session
          .out()
          .println(
              "No groups yet; add one with: bigger-fleet addgroup / /co/cisco 'Manufacturer==\"Cisco\"'");
    }
    return ExitCode.OK;
  }

  /** {@code groups remove PATH}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "remove",
      description = "Remove a group (not its devices).")
  static final class Remove implements Callable<Integer> {
    private final CliSession session;

    @Parameters(
        index = "0",
        paramLabel = "PATH",
        description = "The group's path, e.g. /specialsets/canary.")
    String path;

    Remove(CliSession session) {
      this.session = session;
    }

    @Override
    public Integer call() {
      Group g = session.fleet().removeGroup(path);
      if (session.json()) {
        session.printJson(Map.of("removed", g.path()));
      } else {
        session.out().println("Removed group \"" + g.path() + "\".");
      }
      return ExitCode.OK;
    }
  }
}
