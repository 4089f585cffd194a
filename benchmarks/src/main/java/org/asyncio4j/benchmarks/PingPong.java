package org.asyncio4j.benchmarks;

import static org.asyncio4j.Asyncio.await;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Task;

/**
 * W2, ping-pong: two tasks hand a token back and forth; each hop is a real suspend and resume through the
 * scheduler.
 *
 * <p>Protocol (identical for every system): each side has a mailbox. A hop is: the receiver is suspended on its
 * mailbox future; the sender completes it with the token; the receiver wakes up (in a later pass of the loop),
 * arms a new future in its mailbox and sends {@code token + 1} to the other side. {@code rounds} rounds are
 * {@code 2 * rounds} hops; the pinger returns {@code 2 * rounds}. Measured: time per hop.
 * <ul>
 *   <li>{@link #asyncio4j}: two {@code @Async} tasks on one event loop, awaiting {@link Future}s;</li>
 *   <li>{@link #handWritten}: the floor, two hand-written state machines on an {@link ArrayDeque} run queue with
 *       hand-rolled futures;</li>
 *   <li>{@link #completableFuture}: CompletableFuture continuations ({@code thenAcceptAsync}) on a
 *       single-thread executor;</li>
 *   <li>{@link #virtualThreads}: two virtual threads (JDK 21+) exchanging through {@link SynchronousQueue}s.</li>
 * </ul>
 */
public final class PingPong {
    private PingPong() {}

    /** The token the pinger ends with after {@code rounds} rounds. */
    public static int expected(int rounds) {
        return 2 * rounds;
    }

    // ---- asyncio4j ----

    /** One side's mailbox: the future its owner awaits next. */
    static final class Mailbox {
        final EventLoop loop;
        Future<Integer> next;

        Mailbox(EventLoop loop) {
            this.loop = loop;
            this.next = loop.createFuture();
        }

        /** Replaces the (done) future with a fresh one and returns it. */
        Future<Integer> rearm() {
            Future<Integer> f = loop.createFuture();
            next = f;
            return f;
        }
    }

    /** Sends {@code token} first, then for each round awaits the reply and sends the next token. */
    @Async
    static int ping(Mailbox mine, Mailbox theirs, int rounds) {
        int token = 0;
        for (int r = 0; r < rounds; r++) {
            theirs.next.setResult(token);
            int reply = await(mine.next);
            mine.rearm();
            token = reply + 1;
        }
        return token;
    }

    /** For each round: awaits a token, re-arms, replies with {@code token + 1}. */
    @Async
    static int pong(Mailbox mine, Mailbox theirs, int rounds) {
        int last = -1;
        for (int r = 0; r < rounds; r++) {
            int token = await(mine.next);
            mine.rearm();
            last = token + 1;
            theirs.next.setResult(last);
        }
        return last;
    }

    /** Both sides as tasks; returns the pinger's final token. */
    @Async
    static int match(int rounds) {
        EventLoop loop = Asyncio.getRunningLoop();
        Mailbox a = new Mailbox(loop);
        Mailbox b = new Mailbox(loop);
        Task<Integer> pinger = Asyncio.createTask(PingPongAsync.ping(a, b, rounds));
        Task<Integer> ponger = Asyncio.createTask(PingPongAsync.pong(b, a, rounds));
        List<Integer> results = await(Asyncio.gather(pinger, ponger));
        return results.get(0);
    }

    /** Runs {@code rounds} rounds ({@code 2 * rounds} hops) on {@code loop}. */
    public static int asyncio4j(EventLoop loop, int rounds) {
        return loop.runUntilComplete(PingPongAsync.match(rounds));
    }

    // ---- the floor: hand-written state machines on an ArrayDeque run queue ----

    /** A hand-rolled future with a single waiter. */
    static final class HandFuture {
        boolean done;
        int value;
        Fiber waiter;

        void complete(int v, ArrayDeque<Fiber> runQueue) {
            done = true;
            value = v;
            if (waiter != null) {
                runQueue.add(waiter);
                waiter = null;
            }
        }
    }

    /** A resumable step function: one side of the match. */
    abstract static class Fiber {
        HandFuture mailbox = new HandFuture();
        Fiber other;
        int state;
        int rounds;
        int r;
        int token;

        abstract void step(ArrayDeque<Fiber> runQueue);

        /** Parks on the mailbox: the fiber is re-queued when it is completed. */
        final void park(HandFuture f) {
            f.waiter = this;
        }
    }

    static final class HandPing extends Fiber {
        @Override
        void step(ArrayDeque<Fiber> runQueue) {
            switch (state) {
                case 0:
                    if (r == rounds) {
                        state = -1;
                        return;
                    }
                    other.mailbox.complete(token, runQueue);
                    state = 1;
                    park(mailbox);
                    return;
                case 1: {
                    int reply = mailbox.value;
                    mailbox = new HandFuture();
                    token = reply + 1;
                    r++;
                    state = 0;
                    step(runQueue);
                    return;
                }
                default:
                    throw new IllegalStateException("state " + state);
            }
        }
    }

    static final class HandPong extends Fiber {
        @Override
        void step(ArrayDeque<Fiber> runQueue) {
            while (r < rounds) {
                if (state == 0) {
                    state = 1;
                    if (!mailbox.done) {
                        park(mailbox);
                        return;
                    }
                }
                state = 0;
                int t = mailbox.value;
                mailbox = new HandFuture();
                token = t + 1;
                other.mailbox.complete(token, runQueue);
                r++;
            }
        }
    }

    public static int handWritten(ArrayDeque<Fiber> runQueue, int rounds) {
        HandPing ping = new HandPing();
        HandPong pong = new HandPong();
        ping.other = pong;
        pong.other = ping;
        ping.rounds = rounds;
        pong.rounds = rounds;
        runQueue.add(ping);
        runQueue.add(pong);
        Fiber f;
        while ((f = runQueue.poll()) != null) {
            f.step(runQueue);
        }
        return ping.token;
    }

    // ---- CompletableFuture on a single-thread executor ----

    /** One side as a chain of continuations: each receive is {@code thenAcceptAsync} on the executor. */
    static final class CfSide {
        final Executor executor;
        final int rounds;
        final boolean pinger;
        final CompletableFuture<Integer> done = new CompletableFuture<>();
        CompletableFuture<Integer> mailbox = new CompletableFuture<>();
        CfSide other;
        int r;

        CfSide(Executor executor, int rounds, boolean pinger) {
            this.executor = executor;
            this.rounds = rounds;
            this.pinger = pinger;
        }

        void receiveNext() {
            mailbox.thenAcceptAsync(this::onToken, executor);
        }

        void onToken(int token) {
            mailbox = new CompletableFuture<>();
            r++;
            if (pinger) {
                if (r == rounds) {
                    done.complete(token + 1);
                    return;
                }
                receiveNext();
                other.mailbox.complete(token + 1);
            } else {
                if (r < rounds) {
                    receiveNext();
                }
                other.mailbox.complete(token + 1);
                if (r == rounds) {
                    done.complete(token + 1);
                }
            }
        }
    }

    /** Runs the match on {@code executor} (a single-thread executor) and waits for the pinger's token. */
    public static int completableFuture(Executor executor, int rounds) {
        CfSide ping = new CfSide(executor, rounds, true);
        CfSide pong = new CfSide(executor, rounds, false);
        ping.other = pong;
        pong.other = ping;
        if (rounds == 0) {
            return 0;
        }
        CompletableFuture.runAsync(() -> {
            pong.receiveNext();
            ping.receiveNext();
            pong.mailbox.complete(0);
        }, executor);
        return ping.done.join();
    }

    // ---- virtual threads (JDK 21+) ----

    /**
     * Two virtual threads exchanging through {@link SynchronousQueue}s (each put/take is a hand-off).
     *
     * @throws UnsupportedOperationException before JDK 21
     */
    public static int virtualThreads(int rounds) throws InterruptedException {
        SynchronousQueue<Integer> toPong = new SynchronousQueue<>();
        SynchronousQueue<Integer> toPing = new SynchronousQueue<>();
        int[] result = new int[1];
        Thread pinger = VirtualThreads.start(() -> {
            try {
                int token = 0;
                for (int r = 0; r < rounds; r++) {
                    toPong.put(token);
                    token = toPing.take() + 1;
                }
                result[0] = token;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread ponger = VirtualThreads.start(() -> {
            try {
                for (int r = 0; r < rounds; r++) {
                    toPing.put(toPong.take() + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        pinger.join();
        ponger.join();
        return result[0];
    }
}
