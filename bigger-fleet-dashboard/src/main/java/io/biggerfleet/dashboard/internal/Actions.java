package io.biggerfleet.dashboard.internal;

import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStateException;
import io.biggerfleet.rollout.RolloutConflictException;
import io.biggerfleet.rollout.Rollouts;
import java.io.IOException;
import java.util.Map;

/**
 * Operator actions on a rollout — pause, resume, approve the step it waits on, abort, back out, retry
 * one failed device, retry all failures — as buttons and as {@code POST /action}. A first POST answers a confirmation page; only
 * the confirmed POST ({@code confirm=yes}) acts, through {@link Rollouts}, so the rules and error
 * messages are the API's; an approval is recorded as the logged-in operator's. The caller ({@link Routes}) has checked the login, origin and CSRF token.
 */
final class Actions {
  /** What each action does, as the confirmation page says it (from the {@link Rollouts} javadoc). */
  private static final Map<String, String[]> ACTIONS = Map.of(
      "approve",
          new String[] {
            "Approve",
            "The step starts now, approved by you; the rest of the schedule shifts by "
                + "the time it waited. The step's approvers list, if it has one, must name you."
          },
      "pause", new String[] {"Pause", "Nothing new is posted; results keep being recorded."},
      "resume",
          new String[] {
            "Resume", "Posting goes on; the remaining schedule shifts by the paused time."
          },
      "abort",
          new String[] {
            "Abort",
            "Nothing more is posted; queued devices and steps not picked up end ABORT. "
                + "An aborted rollout cannot be resumed."
          },
      "backout",
          new String[] {
            "Back out",
            "The rollout ends ABORTED; devices that took the change get their "
                + "pre-rollout state back from a new backout rollout."
          },
      "retry", new String[] {"Retry", "The failed device is posted again."},
      "retry-all",
          new String[] {"Retry all failures", "Every failed device of the rollout is posted again."
          });

  private Actions() {}

  /** The action buttons that fit the rollout's state (the server checks again when they are used). */
  static void buttons(Html h, View v, Rollout r, long failed) {
    if (!v.canAct()) {
      return;
    }
    RolloutState s = r.state();
    h.raw("<div class=\"actions\">");
    if (s == RolloutState.ACTIVE) {
      button(h, v, "pause", r.name(), "", "Pause");
    }
    if (s == RolloutState.PAUSED) {
      button(h, v, "resume", r.name(), "", "Resume");
    }
    if (s == RolloutState.AWAITING_APPROVAL) {
      int step = r.run().currentStep();
      button(h, v, "approve", r.name(), Integer.toString(step), "Approve step " + step);
    }
    if (failed > 0
        && (s == RolloutState.ERROR || s == RolloutState.DONE || s == RolloutState.ACTIVE)) {
      button(h, v, "retry-all", r.name(), "", "Retry all failures");
    }
    if (s.holdsDevices()) {
      button(h, v, "abort", r.name(), "", "Abort");
    }
    if (s.holdsDevices() || s == RolloutState.DONE) {
      button(h, v, "backout", r.name(), "", "Back out");
    }
    h.raw("</div>");
  }

  /** One action button: a small POST form with the CSRF token. */
  static void button(Html h, View v, String action, String rollout, String target, String label) {
    h.raw("<form method=\"post\" action=\"/action\" class=\"inline\">")
        .raw(v.csrfField())
        .hidden("action", action)
        .hidden("rollout", rollout)
        .hidden("target", target)
        .raw("<button type=\"submit\" class=\"action action-")
        .t(action)
        .raw("\">")
        .t(label)
        .raw("</button></form>");
  }

  /** {@code POST /action}: the confirmation page, or (confirmed) the action and a redirect to the rollout. */
  static void handle(Request r, View v, Sessions sessions) throws IOException {
    String action = r.form("action");
    String rollout = r.form("rollout");
    String target = r.form("target");
    String[] what = ACTIONS.get(action);
    if (what == null) {
      r.html(400, error(v, "Unknown action '" + action + "'.", rollout));
      return;
    }
    if (!"yes".equals(r.form("confirm"))) {
      r.html(200, confirmation(v, action, what, rollout, target));
      return;
    }
    try {
      String done = run(v.fleet().rollouts(), action, rollout, target, r.session.operator());
      v.feed().wake();
      sessions.flash(r.session, done); // kept server-side: a link cannot make the page say anything
      r.redirect("/rollout?name=" + Html.u(rollout));
    } catch (NotFoundException e) {
      r.html(404, error(v, e.getMessage(), rollout));
    } catch (RolloutStateException | RolloutConflictException e) {
      r.html(409, error(v, e.getMessage(), rollout));
    } catch (InvalidInputException e) {
      r.html(422, error(v, e.getMessage(), rollout));
    } catch (FleetException e) {
      r.html(502, error(v, e.getMessage(), rollout));
    }
  }

  private static String run(
      Rollouts rollouts, String action, String rollout, String target, String operator) {
    switch (action) {
      case "approve":
        int step = step(target);
        rollouts.approve(rollout, step, operator);
        return "Approved step " + step + " of " + rollout + " as " + operator + ".";
      case "pause":
        rollouts.pause(rollout);
        return "Paused " + rollout + ".";
      case "resume":
        rollouts.resume(rollout);
        return "Resumed " + rollout + ".";
      case "abort":
        rollouts.abort(rollout);
        return "Aborted " + rollout + ".";
      case "backout":
        Rollout b = rollouts.backout(rollout);
        return "Backed out " + rollout + " with rollout " + b.name() + ".";
      case "retry":
        if (rollouts.failures(rollout).stream().noneMatch(f -> f.deviceAtStep().equals(target))) {
          throw new InvalidInputException(
              "Device " + target + " has no failure in rollout '" + rollout + "' to retry");
        }
        rollouts.retry(target);
        return "Scheduled a retry of " + target + ".";
      case "retry-all":
        rollouts.retryAllFailed(rollout);
        return "Scheduled a retry of every failed device of " + rollout + ".";
      default:
        throw new IllegalStateException(action);
    }
  }

  /** The step an approval names (the one the page showed waiting: the API refuses any other). */
  private static int step(String target) {
    try {
      return Integer.parseInt(target);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("Approve: step '" + target + "' is not a step number");
    }
  }

  private static String confirmation(
      View v, String action, String[] what, String rollout, String target) {
    Html h = new Html();
    String object = target.isEmpty()
        ? "rollout " + rollout
        : action.equals("approve") ? "step " + target + " of rollout " + rollout : target;
    h.raw("<h1>")
        .t(what[0])
        .raw(" ")
        .t(object)
        .raw("?</h1>")
        .raw("<p>")
        .t(what[1])
        .raw("</p>")
        .raw("<form method=\"post\" action=\"/action\" class=\"confirm\">")
        .raw(v.csrfField())
        .hidden("action", action)
        .hidden("rollout", rollout)
        .hidden("target", target)
        .hidden("confirm", "yes")
        .raw("<button type=\"submit\" id=\"confirm\" class=\"action action-")
        .t(action)
        .raw("\">")
        .t(what[0])
        .raw("</button> ")
        .a("/rollout?name=" + Html.u(rollout), "Cancel")
        .raw("</form>");
    return Layout.page(v, "Confirm", "", h);
  }

  private static String error(View v, String message, String rollout) {
    Html h = new Html();
    h.raw("<h1>Not done</h1>");
    Layout.notice(h, "error", message);
    if (!rollout.isEmpty()) {
      h.raw("<p>").a("/rollout?name=" + Html.u(rollout), "Back to " + rollout).raw("</p>");
    }
    return Layout.page(v, "Not done", "", h);
  }
}
