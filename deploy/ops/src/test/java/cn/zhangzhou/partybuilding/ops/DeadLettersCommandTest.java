package cn.zhangzhou.partybuilding.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI's side of the dead-letter admin API (decision 0022): the requests it sends (path, query, token, body) and
 * what it prints, against an HTTP server answering as the API does. The API itself is tested end to end in the
 * services (membership's DeadLetterAdminTest).
 */
class DeadLettersCommandTest {

    private static final String DEAD_LETTER = """
            {"deadLetterTopic":"longwen.membership.events-dlt","deadLetterPartition":1,"deadLetterOffset":7,
             "deadLetteredAt":"2026-12-06T08:00:00Z","topic":"longwen.membership.events","partition":1,"offset":42,
             "key":"5b0c","exception":"cn.zhangzhou.partybuilding.events.InvalidEventException",
             "exceptionMessage":"breaks its schema","headers":{"ce_type":"zz.membership.MemberRegistered.v1"},
             "payload":"{}","payloadEncoding":"utf-8","state":"%s","action":%s}""";

    private final List<String> requests = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void api() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String answer;
            if (path.endsWith("/replay")) {
                status = 409;
                answer = "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"dead letter was DISCARDED already\"}";
            } else if (path.endsWith("/discard")) {
                answer = DEAD_LETTER.formatted("DISCARDED", "{\"state\":\"DISCARDED\",\"by\":\"ops\","
                        + "\"at\":\"2026-12-06T09:00:00Z\",\"reason\":\"withdrawn\"}");
            } else if (path.endsWith("/dead-letters")) {
                answer = "{\"items\":[" + DEAD_LETTER.formatted("NEW", "null")
                        + "],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}";
            } else {
                answer = DEAD_LETTER.formatted("NEW", "null");
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void listGoesThroughTheGatewayRouteAndPrintsOneLinePerDeadLetter() {
        Run run = run("dead-letters", "--gateway", gateway(), "--district", "xiangcheng", "--service", "membership",
                "--token", "t0k", "list", "--topic", "longwen.membership.events");
        assertThat(run.exit).isZero();
        assertThat(requests).containsExactly("GET /api/v1/xiangcheng/membership/dead-letters"
                + "?topic=longwen.membership.events&page=0&size=20 Bearer t0k ");
        assertThat(run.out).contains("NEW", "longwen.membership.events-dlt/1/7", "zz.membership.MemberRegistered.v1",
                "InvalidEventException: breaks its schema", "(1 dead letters)");
    }

    @Test
    void showAndDiscardGoStraightToAServiceWithTheReason() {
        assertThat(run("dead-letters", "--url", gateway(), "--token", "t0k", "show",
                "longwen.membership.events-dlt/1/7").out).contains("\"payloadEncoding\" : \"utf-8\"");
        Run discarded = run("dead-letters", "--url", gateway(), "--token", "t0k", "discard",
                "longwen.membership.events-dlt/1/7", "--reason", "withdrawn");
        assertThat(discarded.exit).isZero();
        assertThat(requests).containsExactly(
                "GET /api/v1/dead-letters/longwen.membership.events-dlt/1/7 Bearer t0k ",
                "POST /api/v1/dead-letters/longwen.membership.events-dlt/1/7/discard Bearer t0k {\"reason\":\"withdrawn\"}");
        assertThat(discarded.out).contains("DISCARDED longwen.membership.events-dlt/1/7 by ops", ": withdrawn");
    }

    @Test
    void aProblemIsPrintedWithItsStatusAndFailsTheCommand() {
        Run replayed = run("dead-letters", "--url", gateway(), "--token", "t0k", "replay",
                "longwen.membership.events-dlt/1/7");
        assertThat(replayed.exit).isEqualTo(1);
        assertThat(replayed.err).contains("409 Conflict: dead letter was DISCARDED already");
    }

    @Test
    void withoutAServiceOrAReasonNothingIsSent() {
        assertThat(run("dead-letters", "--token", "t0k", "list", "--topic", "x").err).contains("--district");
        assertThat(run("dead-letters", "--url", gateway(), "--token", "t0k", "discard", "a/0/1").exit).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    private String gateway() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Ops());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
