package io.ossaat.engine.web;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.helidon.common.GenericType;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProviderContext;
import io.ossaat.engine.Json;
import io.ossaat.engine.events.Event;

/**
 * Writes the event log's SSE stream into a buffer that goes out on {@link #flush}: a reader that is sent
 * thousands of events a second gets them a batch per write, not one write (and one chunk) per event. Helidon's
 * {@code SseSink} flushes after every event; the bytes are the same as its. It is a Helidon sink
 * ({@code res.sink(EventStreamWriter.TYPE)}, made by {@link EventStreamSinkProvider}) because only a sink is
 * handed the connection, which {@link #peer} watches for the client's close.
 */
final class EventStreamWriter implements Sink<Event> {
    static final GenericType<EventStreamWriter> TYPE = GenericType.create(EventStreamWriter.class);
    private static final String EVENT_NAME = "plan.step";
    private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAME_AND_DATA = ("\nevent:" + EVENT_NAME + "\ndata:").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ":keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final Runnable commit;
    private final PeerWatch peer;

    EventStreamWriter(SinkProviderContext context) {
        ServerResponse res = context.serverResponse();
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream"));
        this.out = new BufferedOutputStream(res.outputStream(), 16 * 1024);
        this.commit = context.closeRunnable();
        this.peer = PeerWatch.start(context.connectionContext().dataReader());
    }

    /** Whether the client is still there; waits for events through it. */
    PeerWatch peer() {
        return peer;
    }

    /** One event; its JSON has no line breaks, so it is one {@code data:} line. Goes out on {@link #flush}. */
    @Override
    public EventStreamWriter emit(Event e) {
        try {
            out.write(ID);
            out.write(Long.toString(e.seq()).getBytes(StandardCharsets.US_ASCII));
            out.write(NAME_AND_DATA);
            out.write(Json.bytes(e));
            out.write(END);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    void keepAlive() {
        try {
            out.write(KEEP_ALIVE);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Sends what is buffered. */
    void flush() {
        try {
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        commit.run();
    }
}
