package io.ossaat.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * A subscriber that falls behind never gets an event after a gap: it reads an unbroken run, then is told, then
 * catches up from the log (which the SSE test drives on a real engine).
 */
class SubscriptionOverflowTest {
    final EventFeed.Subscription live = new EventFeed(null, null).subscribe(null);

    static Event event(long seq) {
        return new Event(seq, "pl_x", null, "running", 0, null, Instant.EPOCH);
    }

    @Test
    void afterAnOverflowNothingLaterIsQueuedUntilTheReaderIsTold() throws InterruptedException {
        int capacity = EventFeed.Subscription.CAPACITY;
        for (long seq = 1; seq <= capacity + 2; seq++) { // the last two do not fit
            live.offer(event(seq));
        }
        live.offer(event(capacity + 3)); // would land in the queue if the overflow had emptied it
        long expected = 1;
        for (Event e; (e = live.poll(Duration.ofMillis(10))) != null; expected++) {
            assertThat(e.seq()).isEqualTo(expected);
        }
        assertThat(expected - 1).isEqualTo(capacity);
        assertThat(live.takeOverflow()).isTrue();
        assertThat(live.takeOverflow()).isFalse();

        live.offer(event(capacity + 4));
        assertThat(live.poll(Duration.ofMillis(10)).seq()).isEqualTo(capacity + 4);
    }

    @Test
    void aDryQueueAfterAnOverflowAnswersAtOnce() throws InterruptedException {
        for (long seq = 1; seq <= EventFeed.Subscription.CAPACITY + 1; seq++) {
            live.offer(event(seq));
        }
        while (live.poll(Duration.ofMillis(10)) != null) {
            // drain
        }
        long start = System.nanoTime();
        assertThat(live.poll(Duration.ofSeconds(30))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
