package io.biggerfleet.pantahub.sim.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * A Mongo {@code $regex} from user input, compiled with a linear-time engine (RE2/J): no pattern can
 * make a match backtrack. Mongo refuses patterns longer than 32,764 bytes and ones its PCRE cannot
 * compile; the hub answers a failed query with 403, and so does the simulator (RE2 also refuses
 * back-references and look-arounds, which PCRE would accept — see docs/simulator.md). Stateless. Not API.
 */
final class MongoRegex {
  /** Mongo's limit on a regular expression's length, in bytes. */
  static final int MAX_BYTES = 32_764;

  private MongoRegex() {}

  /** The pattern with option {@code i}; a 403 REST error when Mongo (or RE2) would refuse it. */
  static Pattern compileCaseInsensitive(String regex) {
    if (regex.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw HubException.rest(403, "Error on fetching devices: regular expression is too long");
    }
    try {
      return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw HubException.rest(403, "Error on fetching devices: " + e.getDescription());
    }
  }
}
