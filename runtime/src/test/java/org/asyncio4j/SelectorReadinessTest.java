package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the loop's selector hands ready channels to their callbacks, now that it takes them straight from the selector
 * (no selected-key set): every ready channel's callback runs in the pass that found it ready, a callback that leaves
 * data unread runs again in the next pass (readiness is level-triggered), and a select made only to flush a cancelled
 * key loses no other channel's readiness.
 */
class SelectorReadinessTest extends NetTestBase {
    private final List<String> calls = new ArrayList<>();

    private Pipe pipeWith(String data) throws IOException {
        Pipe pipe = Pipe.open();
        track(pipe.source());
        track(pipe.sink());
        pipe.source().configureBlocking(false);
        if (!data.isEmpty()) {
            pipe.sink().write(ByteBuffer.wrap(data.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        return pipe;
    }

    /** A reader that records its calls and reads nothing, so its channel stays readable. */
    private void recordCalls(Pipe pipe, String name) {
        loop.addReader(pipe.source(), () -> calls.add(name));
    }

    @Test
    void everyReadyChannelRunsInThePassThatFoundItAndAgainWhileDataIsLeft() throws IOException {
        Pipe a = pipeWith("a");
        Pipe b = pipeWith("b");
        Pipe idle = pipeWith("");
        recordCalls(a, "a");
        recordCalls(b, "b");
        recordCalls(idle, "idle");
        runOnePass();
        assertEquals(List.of("a", "b"), calls.stream().sorted().toList());
        runOnePass();
        assertEquals(List.of("a", "a", "b", "b"), calls.stream().sorted().toList(), "level-triggered: called again");
        a.source().read(ByteBuffer.allocate(16));
        calls.clear();
        runOnePass();
        assertEquals(List.of("b"), calls, "a's data was read: only b is still ready");
        loop.removeReader(a.source());
        loop.removeReader(b.source());
        loop.removeReader(idle.source());
    }

    @Test
    void flushingACancelledKeyLosesNoOtherChannelsReadiness() throws IOException {
        Pipe ready = pipeWith("x");
        Pipe other = pipeWith("");
        recordCalls(other, "other");
        SelectionKey key = other.source().keyFor(loop.selectorForTesting());
        key.cancel();                   // cancelled by hand: adding a reader again must first flush it with a select
        recordCalls(ready, "ready");    // registered before that select, while its channel is already readable
        recordCalls(other, "other again");
        runOnePass();
        assertEquals(List.of("ready"), calls, "the flush's select dropped the ready key; this pass found it again");
        loop.removeReader(ready.source());
        loop.removeReader(other.source());
    }
}
