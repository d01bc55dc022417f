package io.biggerfleet.pantahub.sim;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted user's browser for the simulator's PKCE consent page: given the
 * {@code /auth/oauth/authorize?...} URL a command line prints, it opens it, logs in as a simulator user,
 * ticks the devices to entrust (the walkthrough's resource selector; none ticked = all) and follows the
 * redirect back to the command line's {@code 127.0.0.1} callback — what a person does in a real browser.
 * For tests, demos and JShell sessions of apps that use the browser login.
 *
 * <pre>{@code
 * Consumer<URI> browser = SimBrowser.as("user1", "user1").selecting(List.of("gardenpool-wifi"));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Errors: {@link IllegalStateException} naming the step that failed (wrong
 * password, unknown device to select, a page that is not the consent page); the password never appears
 * in a message.
 */
public final class SimBrowser implements Consumer<URI> {
  private static final Pattern DEVICE =
      Pattern.compile("name=\"device\" value=\"([^\"]+)\"> ([^<]*) <code>");
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private final String user;
  private final String password;
  private final Set<String> select;

  private SimBrowser(String user, String password, Set<String> select) {
    this.user = user;
    this.password = password;
    this.select = select;
  }

  /** A browser that logs in as {@code user} with {@code password} and entrusts all of the user's devices. */
  public static SimBrowser as(String user, String password) {
    return new SimBrowser(
        Objects.requireNonNull(user, "user"),
        Objects.requireNonNull(password, "password"),
        Set.of());
  }

  /**
   * The same browser ticking only these devices on the consent page (device ids or nicks); an empty
   * collection entrusts all.
   */
  public SimBrowser selecting(Collection<String> devices) {
    return new SimBrowser(user, password, Set.copyOf(devices));
  }

  /** Opens {@code authorizeUrl} and walks the consent pages to the callback. */
  @Override
  public void accept(URI authorizeUrl) {
    HttpResponse<String> authorize =
        send(HttpRequest.newBuilder(authorizeUrl).GET().build(), "open the login link");
    URI consent = authorizeUrl.resolve(location(authorize, "open the login link"));
    String code = query(consent).get("auth_code");
    if (code == null) {
      throw new IllegalStateException(
          "Simulated browser: the login link did not lead to the consent page (" + consent + ")");
    }
    URI loginForm = consent.resolve("/auth/sim/consent");
    HttpResponse<String> devicesPage = send(
        form(
            loginForm,
            Map.of(
                "auth_code",
                List.of(code),
                "username",
                List.of(user),
                "password",
                List.of(password))),
        "log in");
    if (devicesPage.body().contains("Wrong username or password")) {
      throw new IllegalStateException(
          "Simulated browser: the hub refused user '" + user + "': wrong username or password");
    }
    Map<String, String> offered = new LinkedHashMap<>(); // id -> nick
    Matcher m = DEVICE.matcher(devicesPage.body());
    while (m.find()) {
      offered.put(m.group(1), m.group(2));
    }
    List<String> chosen = new ArrayList<>();
    for (String want : select) {
      String id = offered.containsKey(want)
          ? want
          : offered.entrySet().stream()
              .filter(e -> e.getValue().equals(want))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (id == null) {
        throw new IllegalStateException("Simulated browser: device '" + want
            + "' is not offered on the consent page of user '" + user + "'");
      }
      chosen.add(id);
    }
    HttpResponse<String> allowed = send(
        form(
            consent.resolve("/auth/sim/consent/devices"),
            Map.of("auth_code", List.of(code), "device", chosen)),
        "entrust the devices");
    URI callback = URI.create(location(allowed, "entrust the devices"));
    HttpResponse<String> done =
        send(HttpRequest.newBuilder(callback).GET().build(), "return to the command line");
    if (done.statusCode() != 200) {
      throw new IllegalStateException(
          "Simulated browser: the command line's callback answered " + done.statusCode());
    }
  }

  private static HttpRequest form(URI uri, Map<String, List<String>> fields) {
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, List<String>> f : fields.entrySet()) {
      for (String v : f.getValue()) {
        if (body.length() > 0) {
          body.append('&');
        }
        body.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    }
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private static HttpResponse<String> send(HttpRequest req, String step) {
    try {
      return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          "Simulated browser could not " + step + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Simulated browser interrupted while trying to " + step, e);
    }
  }

  private static String location(HttpResponse<String> r, String step) {
    return r.headers()
        .firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("Simulated browser could not " + step
            + ": the hub answered " + r.statusCode() + " without a redirect"));
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String part : raw.split("&")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          q.put(
              part.substring(0, eq),
              java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  @Override
  public String toString() {
    return "SimBrowser[user " + user + ", selecting " + (select.isEmpty() ? "all" : select) + "]";
  }
}
