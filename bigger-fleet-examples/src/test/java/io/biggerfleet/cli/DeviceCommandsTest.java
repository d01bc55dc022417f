package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimBrowser;
import io.biggerfleet.pantahub.sim.SimClock;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough's account and device commands — login, add-devices, devices, attributes, tags,
 * addgroup, ls — run in-process against the simulator's walkthrough fleet, with their output, exit
 * codes, and what they store.
 */
class DeviceCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path home;

  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  PantahubSimulator sim;
  Consumer<URI> browser = SimBrowser.as("user1", "user1");
  String stdin = "";
  String out;
  String err;

  @BeforeEach
  void startHub() {
    sim = PantahubSimulator.builder()
        .scenario(Scenario.walkthrough())
        .clock(clock)
        .start();
  }

  @AfterEach
  void stopHub() {
    sim.close();
  }

  int cli(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CliEnvironment env = CliEnvironment.builder()
        .env(Map.of(
            CliHome.ENV, home.toString(), CliSession.HUB_ENV, sim.baseUri().toString()))
        .clock(clock)
        .browser(browser)
        .in(new StringReader(stdin))
        .sleeper(sim::advance)
        .build();
    int code = BiggerFleetCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env);
    out = o.toString();
    err = e.toString();
    return code;
  }

  void loggedInWithAllDevices() {
    stdin = "user1\n";
    assertThat(cli("login", "user1", "--password")).isZero();
    assertThat(cli("add-devices", "--all")).isZero();
  }

  String tokenFile() throws Exception {
    return Files.readString(home.resolve(CliSession.TOKEN_FILE));
  }

  @Test
  void login_withTheBrowser_printsTheUrlAndAuthenticates_andKeepsTheTokenOwnerOnly()
      throws Exception {
    int code = cli("login", "prn::pantahub.com:auth/user1");

    assertThat(code).isZero();
    assertThat(out)
        .startsWith(
            "Please open the following URL in your provider and follow the instructions.\n\n"
                + " Open: " + sim.baseUri() + "/auth/oauth/authorize?")
        .endsWith("Authenticated as 'auth/user1'.\n");
    assertThat(Files.getPosixFilePermissions(home.resolve(CliSession.TOKEN_FILE)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String token = JSON.readTree(tokenFile())
        .path("tokens")
        .elements()
        .next()
        .path("access-token")
        .asText();
    assertThat(token).hasSizeGreaterThan(20);
    assertThat(out + err).doesNotContain(token);
    assertThat(Files.readString(home.resolve(CliSession.CONFIG_FILE))).contains("user=user1");
  }

  @Test
  void login_withPasswordFromStdin_authenticates_andNeverPrintsThePassword() throws Exception {
    stdin = "user1\n";

    assertThat(cli("login", "user1", "--password")).isZero();

    assertThat(out).isEqualTo("Authenticated as 'auth/user1'.\n");
    assertThat(err).isEmpty();
  }

  @Test
  void login_withAWrongPassword_failsWithOneLine_andStoresNoToken() {
    stdin = "not-the-password\n";

    assertThat(cli("login", "user1", "--password")).isEqualTo(1);

    assertThat(err.lines()).hasSize(1);
    assertThat(err).startsWith("bigger-fleet: ").doesNotContain("not-the-password");
    assertThat(home.resolve(CliSession.TOKEN_FILE))
        .satisfiesAnyOf(
            p -> assertThat(p).doesNotExist(),
            p -> assertThat(Files.readString(p)).doesNotContain("access-token"));
  }

  @Test
  void aCommandBeforeLogin_saysHowToLogIn() {
    assertThat(cli("devices")).isEqualTo(1);

    assertThat(err)
        .isEqualTo(
            "bigger-fleet: Not logged in to " + sim.baseUri()
                + ": run 'bigger-fleet login <user>' (e.g. bigger-fleet login prn::pantahub.com:auth/user1)\n");
  }

  @Test
  void addDevices_throughTheResourceSelector_importsOnlyThePickedDevices() {
    stdin = "user1\n";
    cli("login", "user1", "--password");
    browser =
        SimBrowser.as("user1", "user1").selecting(List.of("bathroom-wifi", "gardenpool-wifi"));

    int code = cli("add-devices");

    assertThat(code).isZero();
    assertThat(out)
        .startsWith(
            "Please open the following URL in your browser to select the devices you want to fleet manage:\n")
        .contains("Thanks for entrusting us the following devices:\n\n")
        .contains("\"bathroom-wifi\"\n")
        .contains("\"gardenpool-wifi\"\n")
        .contains("2 new, 0 updated, 0 unchanged; 2 devices in the fleet.");
    assertThat(cli("devices")).isZero();
    assertThat(out.lines()).hasSize(2);
  }

  @Test
  void devices_afterImport_listsEveryDeviceWithStatusAndNoFleetYet() throws Exception {
    loggedInWithAllDevices();
    assertThat(out).contains("Thanks for entrusting us the following devices:").contains("11 new");

    assertThat(cli("devices")).isZero();

    assertThat(out.lines())
        .hasSize(11)
        .allMatch(l -> l.matches("\\S+@\\S+ +\"[a-z0-9-]+\" +OK +-"));
    assertThat(out).contains("\"bathroom-wifi\"").contains("\"devbox4-wifi\"");

    assertThat(cli("devices", "--json")).isZero();
    JsonNode devices = JSON.readTree(out).get("devices");
    assertThat(devices).hasSize(11);
    assertThat(devices.get(0).get("status").asText()).isEqualTo("OK");
  }

  @Test
  void attributes_byNick_showsDeviceRegistryAndFleetValues() {
    loggedInWithAllDevices();
    cli("tags", "add", "/", "fleet-tag1");

    assertThat(cli("attributes", "bathroom-wifi")).isZero();

    assertThat(out)
        .contains("Manufacturer: Cisco\n")
        .contains("Model: 121XPs\n")
        .contains("Device-Location: lat:43.54123,lon:-76.123123\n")
        .contains("Fleet-Tags: fleet-tag1");
  }

  @Test
  void attributes_ofAnUnknownDevice_failsWithOneLine() {
    loggedInWithAllDevices();

    assertThat(cli("attributes", "no-such-wifi")).isEqualTo(1);

    assertThat(err)
        .isEqualTo(
            "bigger-fleet: Unknown device 'no-such-wifi': no fleet device has that id or nick\n");
  }

  @Test
  void tags_addAndRemove_bySelector_printTheWalkthroughLines() {
    loggedInWithAllDevices();
    cli("addgroup", "/", "/location", "exists(Device-Site)");
    cli("addgroup", "/location", "/location/trading-floor", "Device-Site==\"trading-floor\"");

    assertThat(cli("tags", "add", "/location/trading-floor/*", "conservative")).isZero();
    assertThat(out).matches("Tag \"conservative\" added to \\S+@\\S+\\.\n");

    assertThat(cli("tags", "remove", "/location/trading-floor/*", "conservative"))
        .isZero();
    assertThat(out).isEqualTo("Removed tag \"conservative\" from 1 device.\n");
  }

  @Test
  void addgroup_and_ls_showMatchesAndDevicePaths() {
    loggedInWithAllDevices();

    assertThat(cli(
            "addgroup", "/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\""))
        .isZero();
    assertThat(out)
        .isEqualTo(
            "Adding Group \"/co/cisco/121XPs\" (refining /).\nCurrently 4 out of 11 matches..\n");

    assertThat(cli("ls", "/co/cisco/121XPs")).isZero();
    assertThat(out.lines()).hasSize(5).last().isEqualTo("Found 4 devices");
    assertThat(out.lines().limit(4)).allMatch(l -> l.startsWith("/co/cisco/121XPs/"));

    assertThat(cli("devices")).isZero();
    assertThat(out.lines().filter(l -> l.endsWith(" /co/cisco/121XPs"))).hasSize(4);
  }

  @Test
  void addgroup_withABadExpression_pointsAtTheProblem_andStoresNothing() {
    loggedInWithAllDevices();

    assertThat(cli("addgroup", "/", "/bad", "Model==")).isEqualTo(2);

    assertThat(err)
        .startsWith("bigger-fleet: ")
        .contains("line 1, column 8: missing a value")
        .contains("  Model==\n         ^");
    assertThat(cli("ls", "/bad")).isNotZero();
  }

  @Test
  void unknownSelector_forTags_failsNamingIt_andTagsNothing() {
    loggedInWithAllDevices();

    assertThat(cli("tags", "add", "/no/such/group", "x")).isEqualTo(1);

    assertThat(err).startsWith("bigger-fleet: ").contains("/no/such/group");
    cli("attributes", "bathroom-wifi");
    assertThat(out).doesNotContain("Fleet-Tags");
  }

  @Test
  void run_ticksTheEngineEveryInterval_untilStopped() {
    loggedInWithAllDevices();

    assertThat(cli("run", "--interval", "1m", "--iterations", "3")).isZero();

    assertThat(out).startsWith("Driving rollouts every 1m (Ctrl-C stops).");
    assertThat(clock.instant()).isEqualTo("2026-03-02T09:02:00Z");
  }

  @Test
  void logout_forgetsTheToken() {
    loggedInWithAllDevices();

    assertThat(cli("logout")).isZero();

    assertThat(cli("devices")).isEqualTo(1);
    assertThat(err).startsWith("bigger-fleet: Not logged in");
  }
}
