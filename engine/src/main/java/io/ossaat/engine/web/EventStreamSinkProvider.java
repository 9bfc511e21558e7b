package io.ossaat.engine.web;

import java.util.function.BiConsumer;

import io.helidon.common.GenericType;
import io.helidon.common.media.type.MediaType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProvider;
import io.helidon.webserver.http.spi.SinkProviderContext;
import io.ossaat.engine.events.Event;

/**
 * Makes the {@link EventStreamWriter} for {@code res.sink(EventStreamWriter.TYPE)}. Helidon finds sink providers
 * with the ServiceLoader only (META-INF/services), hence public.
 */
public final class EventStreamSinkProvider implements SinkProvider<Event> {
    @Override
    public boolean supports(GenericType<? extends Sink<?>> type, ServerRequest request) {
        // the writer watches the connection, which must carry this response alone: HTTP/1, not a multiplexed one
        return EventStreamWriter.TYPE.equals(type) && request.prologue().protocolVersion().startsWith("1.");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X extends Sink<Event>> X create(SinkProviderContext context) {
        return (X) new EventStreamWriter(context);
    }

    /** Helidon's older form, which is not handed the connection. */
    @Override
    @SuppressWarnings("removal")
    public <X extends Sink<Event>> X create(ServerResponse response, BiConsumer<Object, MediaType> eventConsumer,
                                            Runnable closeRunnable) {
        throw new UnsupportedOperationException("an event stream needs the connection");
    }
}
