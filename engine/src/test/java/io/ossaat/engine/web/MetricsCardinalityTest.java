package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.api.Test;

/** No client can add series to {@code /metrics} by inventing methods or paths. */
class MetricsCardinalityTest {
    private static final Pattern SERIES = Pattern.compile("http_server_requests_seconds_count\\{method=\"([^\"]*)\",uri=\"([^\"]*)\"");

    final Api api = SharedEngine.api();

    @Test
    void inventedMethodsAndPathsShareBoundedLabels() throws Exception {
        api.get("/metrics"); // its own series exists before the counts
        invent(0, 150);
        String first = api.get("/metrics").body();
        invent(150, 300);
        String second = api.get("/metrics").body();

        assertThat(count(second)).isEqualTo(count(first));
        Set<String> methods = new TreeSet<>();
        Set<String> uris = new TreeSet<>();
        Matcher m = SERIES.matcher(second);
        while (m.find()) {
            methods.add(m.group(1));
            uris.add(m.group(2));
        }
        assertThat(methods).contains("OTHER").allMatch(v -> v.matches("GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS|OTHER"));
        assertThat(uris).contains("unmatched").allMatch(v -> v.equals("unmatched") || v.startsWith("/"))
                .noneMatch(v -> v.contains("invented"));
    }

    private static long count(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds")).count();
    }

    /** Requests with made-up methods on real and made-up paths. */
    private static void invent(int from, int to) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = from; i < to; i++) {
            String path = i % 2 == 0 ? "/v1/plans" : "/invented/" + i;
            http.send(HttpRequest.newBuilder(URI.create(SharedEngine.api().base() + path))
                    .method("M" + i + "THOD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
