package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.asyncio4j.streams.Datagram;
import org.asyncio4j.streams.DatagramEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Awaiting a CompletionStage that another thread completes, while the loop waits in its selector (it has a channel
 * registered), resumes the task on the loop's thread: the completion wakes the selector through
 * callSoonThreadsafe. (CompletionStageTest covers the same on a loop without I/O.)
 */
class ForeignThreadResumeTest extends NetTestBase {

    @Test
    void stageCompletedOnAnotherThread_resumesOnTheLoopThread_whileTheLoopWaitsForIo() throws Exception {
        DatagramEndpoint idle = runUntilComplete(coro(() -> awaitThen(
                Asyncio.openDatagramEndpoint(new InetSocketAddress(HOST, 0), null), r -> done(r.get()))));
        Future<Datagram> neverArrives = idle.receive();     // keeps a channel registered: the loop waits in select()
        CompletableFuture<String> cf = new CompletableFuture<>();
        CompletionStage<String> stage = cf.thenApply(s -> s);     // a dependent stage, as HttpClient hands out
        CountDownLatch suspended = new CountDownLatch(1);
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        startHelper("completer", () -> {
            await(suspended);
            completedOn.set(Thread.currentThread());
            cf.complete("from elsewhere");
        });
        AtomicReference<Thread> resumedOn = new AtomicReference<>();
        Task<String> t = loop.createTask(coro(() -> {
            loop.callSoon(suspended::countDown);    // opens only once this step has suspended
            return awaitThen(stage, r -> {
                resumedOn.set(Thread.currentThread());
                return done(r.get());
            });
        }));
        assertEquals("from elsewhere", runUntilComplete(t));
        assertSame(Thread.currentThread(), resumedOn.get());
        assertEquals("completer", completedOn.get().getName());
        neverArrives.cancel();
        idle.close();
        runUntilComplete(idle.waitClosed());
    }
}
