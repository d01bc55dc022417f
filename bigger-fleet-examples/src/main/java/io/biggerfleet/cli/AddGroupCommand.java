package io.biggerfleet.cli;

import io.biggerfleet.group.GroupUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet addgroup PARENT GROUP EXPR...}: adds a group refining its parent with an
 * attribute-match expression (the terms are joined with {@code &&}). A bad expression is reported with
 * its line:column and a caret; nothing is stored. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "addgroup",
    description = "Add a group: the parent's devices that match an attribute expression.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet addgroup / /co/cisco/121XPs 'Manufacturer==\"Cisco\"' 'Model==\"121XPs\"'",
      "  Adding Group \"/co/cisco/121XPs\" (refining /).",
      "  Currently 4 out of 11 matches..",
      "",
      "Expressions: docs/expressions.md (==, !=, =~, contains, in, &&, ||, !, ...).",
      "Exit codes: 0 ok, 1 failed, 2 bad path or expression (nothing stored)."
    })
final class AddGroupCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(index = "0", paramLabel = "PARENT", description = "The parent group, e.g. /.")
  String parent;

  @Parameters(
      index = "1",
      paramLabel = "GROUP",
      description = "The new group's path, e.g. /co/cisco/121XPs.")
  String group;

  @Parameters(
      index = "2..*",
      arity = "1..*",
      paramLabel = "EXPR",
      description = "Match expression terms (joined with &&).")
  List<String> terms;

  AddGroupCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    GroupUpdate u = session.fleet().addGroup(parent, group, terms.toArray(String[]::new));
    if (session.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("group", u.group().path());
      m.put("parent", u.group().parent());
      m.put("expression", u.group().expression());
      m.put("members", u.members());
      m.put("parentMembers", u.parentMembers());
      session.printJson(m);
    } else {
      u.lines().forEach(x -> session.out().println(TerminalText.line(x)));
    }
    return ExitCode.OK;
  }
}
