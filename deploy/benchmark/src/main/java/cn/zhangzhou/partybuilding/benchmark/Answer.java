package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One measured request's answer: status (-1: no answer), body or error, when it was sent and answered (nanoTime). */
record Answer(int status, String body, long sentNanos, long answeredNanos) {

    static Answer send(HttpClient http, HttpRequest request) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), sent, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return new Answer(-1, e.toString(), sent, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", sent, System.nanoTime());
        }
    }
}
