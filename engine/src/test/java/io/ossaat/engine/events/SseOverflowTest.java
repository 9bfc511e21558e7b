package io.ossaat.engine.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that stops reading while thousands of events are written (more than its queue holds) still gets
 * every one of them, in order and without a gap, once it reads again.
 */
class SseOverflowTest {
    static final int PLANS = 1200; // five events each: well past the subscriber's queue and the socket buffers
    static Engine engine;
    static Api api;

    @BeforeAll
    static void start() {
        engine = TestEngines.start();
        api = TestEngines.api(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aLaggingSubscriberGetsEveryEventWithoutAGap() throws Exception {
        URI base = URI.create(api.base());
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(1024); // a small window: the server's writes block soon
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream out = s.getOutputStream();
            out.write(("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + api.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            try (ExecutorService writers = Executors.newFixedThreadPool(16)) {
                for (int i = 0; i < PLANS; i++) {
                    int n = i;
                    writers.submit(() -> api.post("/v1/plans", Api.planBody("flood " + n, "careful")));
                }
            }
            // events are numbered after their commits, by the sequencer's next pass: wait for the last of them
            long head = await().atMost(60, TimeUnit.SECONDS).until(() -> engine.events().head(), h -> h >= PLANS * 5L);
            assertThat(head).isGreaterThan(EventFeed.Subscription.CAPACITY + 1000L);

            s.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            List<Long> ids = new ArrayList<>();
            for (String line; ids.isEmpty() || ids.getLast() < head; ) {
                line = in.readLine();
                assertThat(line).as("stream ended after id %s", ids.isEmpty() ? "none" : ids.getLast()).isNotNull();
                if (line.startsWith("id:")) {
                    ids.add(Long.parseLong(line.substring(3).trim()));
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).as("event %d of the stream", i).isEqualTo(i + 1L);
            }
        }
    }
}
