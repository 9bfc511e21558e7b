package io.ossaat.engine.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.sse.SseSink;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import reactor.core.publisher.Mono;

/**
 * One SSE response (a request's stream or the listening stream) as the SDK's per-stream transport. The SDK
 * closes it when the request's response has been sent; the handler thread that owns the sink waits for that
 * and then closes the sink itself.
 */
final class SseStream implements McpStreamableServerTransport {
    private static final System.Logger LOG = System.getLogger(SseStream.class.getName());

    private final SseSink sink;
    private final McpJsonMapper json;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean sinkClosed;

    SseStream(SseSink sink, McpJsonMapper json) {
        this.sink = sink;
        this.json = json;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> {
            String data;
            try {
                data = json.writeValueAsString(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            emit(SseEvent.builder().name("message").data(data).build());
        });
    }

    void comment(String text) {
        emit(SseEvent.builder().comment(text).build());
    }

    private void emit(SseEvent event) {
        lock.lock();
        try {
            if (closed.getCount() == 0) {
                return;
            }
            sink.emit(event);
        } catch (UncheckedIOException | IllegalStateException e) {
            // the client went away: this stream is over, the session lives on
            closed.countDown();
        } finally {
            lock.unlock();
        }
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        closed.countDown();
    }

    void closeSink() {
        close();
        lock.lock();
        try {
            if (!sinkClosed) {
                sinkClosed = true;
                sink.close();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing an MCP stream: {0}", e.toString());
        } finally {
            lock.unlock();
        }
    }
}
