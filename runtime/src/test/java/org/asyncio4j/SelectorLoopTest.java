package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loop's wait in its selector: readers and writers, wake-ups from other threads, timers, close. */
class SelectorLoopTest extends NetTestBase {

    @Test
    void noSelectorUntilTheFirstIoCall() {
        assertNull(loop.selectorForTesting());
        runUntilComplete(Asyncio.sleep(0));
        assertNull(loop.selectorForTesting());
    }

    @Test
    void callSoonThreadsafeWakesALoopWaitingInItsSelector() throws Exception {
        Pipe pipe = Pipe.open();
        track(pipe.source());
        track(pipe.sink());
        pipe.source().configureBlocking(false);
        loop.addReader(pipe.source(), () -> { });     // opens the selector; nothing is ever written
        Selector selector = loop.selectorForTesting();
        assertNotNull(selector);
        Future<String> f = loop.createFuture();
        CountDownLatch loopWaits = new CountDownLatch(1);
        loop.callSoon(loopWaits::countDown);
        startHelper("waker", () -> {
            await(loopWaits);
            loop.callSoonThreadsafe(() -> f.setResult("woken"));
        });
        assertEquals("woken", runUntilComplete(f));
        assertTrue(loop.removeReader(pipe.source()));
    }

    @Test
    void readerRunsWhenDataArrivesAndStopsAfterRemoval() throws Exception {
        Pipe pipe = Pipe.open();
        track(pipe.source());
        track(pipe.sink());
        pipe.source().configureBlocking(false);
        List<String> got = new ArrayList<>();
        Future<Void> doneF = loop.createFuture();
        loop.addReader(pipe.source(), () -> {
            ByteBuffer b = ByteBuffer.allocate(16);
            try {
                pipe.source().read(b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            got.add(new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.US_ASCII));
            loop.removeReader(pipe.source());
            doneF.setResult(null);
        });
        startHelper("writer", () -> pipe.sink().write(ByteBuffer.wrap("hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        runUntilComplete(doneF);
        assertEquals(List.of("hi"), got);
        assertFalse(loop.removeReader(pipe.source()), "already removed");
        runOnePass();
        assertEquals(0, allKeys());
    }

    @Test
    void writerRunsWhileTheChannelIsWritable() throws Exception {
        Pipe pipe = Pipe.open();
        track(pipe.source());
        track(pipe.sink());
        pipe.sink().configureBlocking(false);
        int[] calls = {0};
        Future<Void> doneF = loop.createFuture();
        loop.addWriter(pipe.sink(), () -> {
            if (++calls[0] == 3) {
                loop.removeWriter(pipe.sink());
                doneF.setResult(null);
            }
        });
        runUntilComplete(doneF);
        assertEquals(3, calls[0]);
    }

    @Test
    void timersStillFireWhileChannelsAreRegistered() throws Exception {
        Pipe pipe = Pipe.open();
        track(pipe.source());
        track(pipe.sink());
        pipe.source().configureBlocking(false);
        loop.addReader(pipe.source(), () -> { });
        double start = loop.time();
        runUntilComplete(Asyncio.sleep(0.05));
        assertTrue(loop.time() - start >= 0.05);
        loop.removeReader(pipe.source());
    }

    @Test
    void virtualTimeLoopWithChannelsJumpsToTimers() throws Exception {
        EventLoop v = EventLoop.virtualTime();
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            v.addReader(source, () -> { });
            v.runUntilComplete(Asyncio.sleep(3600));
            assertEquals(3600.0, v.time(), 1e-6);
            v.removeReader(source);
            assertTrue(sink.isOpen());
        } finally {
            v.close();
        }
        assertFalse(v.selectorForTesting().isOpen(), "close() closes the selector");
    }

    @Test
    void virtualTimeLoopWithChannelsAndNoTimersWaitsForIo() throws Exception {
        EventLoop v = EventLoop.virtualTime();
        Pipe pipe = Pipe.open();
        CountDownLatch registered = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                if (registered.await(SAFETY_SECONDS, TimeUnit.SECONDS)) {
                    pipe.sink().write(ByteBuffer.wrap(new byte[] {42}));
                }
            } catch (InterruptedException | IOException e) {
                throw new AssertionError(e);
            }
        }, "pipe-writer");
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            Future<Integer> got = v.createFuture();
            v.addReader(source, () -> {
                ByteBuffer b = ByteBuffer.allocate(1);
                try {
                    source.read(b);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                v.removeReader(source);
                got.setResult((int) b.get(0));
            });
            writer.start();
            v.callSoon(registered::countDown);
            assertEquals(42, v.runUntilComplete(got));
            assertEquals(0.0, v.time(), "no timer, so virtual time did not move");
            assertTrue(sink.isOpen());
        } finally {
            writer.join(TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));
            v.close();
        }
        assertFalse(writer.isAlive());
    }

    @Test
    void interruptStopsALoopWaitingInItsSelector() throws Exception {
        Pipe pipe = Pipe.open();
        track(pipe.source());
        track(pipe.sink());
        pipe.source().configureBlocking(false);
        loop.addReader(pipe.source(), () -> { });
        Thread.currentThread().interrupt();
        try {
            loop.runForever();
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        loop.removeReader(pipe.source());
    }
}
