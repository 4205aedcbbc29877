package cn.zhangzhou.partybuilding.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code dead-letters list|show|replay|discard}: a district service's dead letters through its admin API (decision
 * 0022). A dead letter is named by its address {@code <dead-letter topic>/<partition>/<offset>}, as {@code list}
 * prints it. Exit code 0 when the API answered 2xx, 1 with the problem's status and detail otherwise.
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"List, inspect, replay or discard a service's dead letters (CITY_ADMIN or the district's "
                + "DISTRICT_ADMIN).", "Through the gateway: --district and --service; straight to a service: --url."})
final class DeadLettersCommand {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String ADDRESS = "<dead-letter topic>/<partition>/<offset>, as list prints it.";

    @Option(names = "--gateway", defaultValue = "http://localhost:8080",
            description = "The gateway (default: ${DEFAULT-VALUE}); the API is <gateway>/api/v1/<district>/<service>.")
    String gateway;

    @Option(names = "--district", description = "The district, e.g. xiangcheng.")
    String district;

    @Option(names = "--service", description = "The service, e.g. membership.")
    String service;

    @Option(names = "--url", description = "A service's own base URL instead of the gateway, e.g. http://localhost:8081.")
    String url;

    @Option(names = "--token", defaultValue = "${env:ZZ_TOKEN}", required = true,
            description = "An access token (default: the ZZ_TOKEN environment variable).")
    String token;

    @Spec
    CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The service's dead letters of one topic it consumes, newest first, with their state.")
    int list(@Option(names = "--topic", required = true,
                     description = "The source topic, e.g. longwen.membership.events.") String topic,
             @Option(names = "--page", defaultValue = "0", description = "0-based page (default: ${DEFAULT-VALUE}).")
             int page,
             @Option(names = "--size", defaultValue = "20",
                     description = "Page size, 1 to 200 (default: ${DEFAULT-VALUE}).") int size) {
        return call("GET", "?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&page=" + page + "&size="
                + size, null, this::printList);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One dead letter: source, exception, CloudEvents headers, payload, state and audit.")
    int show(@Parameters(paramLabel = "ADDRESS", description = ADDRESS) String address) {
        return call("GET", "/" + address, null, this::printJson);
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send it back to its source topic, once the consumer was fixed (a NEW one only).")
    int replay(@Parameters(paramLabel = "ADDRESS", description = ADDRESS) String address) {
        return call("POST", "/" + address + "/replay", null, this::printAction);
    }

    @Command(name = "discard", mixinStandardHelpOptions = true, description = "Give it up, saying why (a NEW one only).")
    int discard(@Parameters(paramLabel = "ADDRESS", description = ADDRESS) String address,
                @Option(names = "--reason", required = true, description = "Why it is given up (recorded in the audit).")
                String reason) {
        return call("POST", "/" + address + "/discard", JSON.writeValueAsString(Map.of("reason", reason)),
                this::printAction);
    }

    private URI uri(String rest) {
        String base;
        if (url != null) {
            base = url.replaceAll("/+$", "") + "/api/v1";
        } else if (district != null && service != null) {
            base = gateway.replaceAll("/+$", "") + "/api/v1/" + district + "/" + service;
        } else {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "say which service: --district and --service (through the gateway), or --url");
        }
        return URI.create(base + "/dead-letters" + rest);
    }

    private int call(String method, String rest, String body, java.util.function.Consumer<JsonNode> print) {
        HttpRequest request = HttpRequest.newBuilder(uri(rest)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot reach " + request.uri() + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        JsonNode answer = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
        if (response.statusCode() / 100 != 2) {
            spec.commandLine().getErr().println(response.statusCode() + " " + answer.path("title").asString("")
                    + ": " + answer.path("detail").asString(response.body()));
            return 1;
        }
        print.accept(answer);
        return 0;
    }

    private void printList(JsonNode page) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-9s %-45s %-24s %-36s %-40s %s%n", "STATE", "ADDRESS", "DEAD-LETTERED", "KEY", "TYPE", "REFUSED BY");
        for (JsonNode item : page.path("items")) {
            String exception = item.path("exception").asString("");
            out.printf("%-9s %-45s %-24s %-36s %-40s %s: %s%n", item.path("state").asString(), address(item),
                    item.path("deadLetteredAt").asString(), item.path("key").asString(""),
                    item.path("headers").path("ce_type").asString(""),
                    exception.substring(exception.lastIndexOf('.') + 1), item.path("exceptionMessage").asString(""));
        }
        out.printf("page %d of %d (%d dead letters)%n", page.path("page").asInt(), page.path("totalPages").asLong(),
                page.path("totalItems").asLong());
    }

    private void printJson(JsonNode deadLetter) {
        spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(deadLetter));
    }

    private void printAction(JsonNode deadLetter) {
        JsonNode action = deadLetter.path("action");
        spec.commandLine().getOut().println(deadLetter.path("state").asString() + " " + address(deadLetter) + " by "
                + action.path("by").asString() + " at " + action.path("at").asString()
                + (action.path("reason").isString() ? ": " + action.path("reason").asString() : ""));
    }

    private static String address(JsonNode deadLetter) {
        return deadLetter.path("deadLetterTopic").asString() + "/" + deadLetter.path("deadLetterPartition").asInt()
                + "/" + deadLetter.path("deadLetterOffset").asLong();
    }
}
