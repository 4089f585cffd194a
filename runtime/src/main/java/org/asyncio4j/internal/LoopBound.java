package org.asyncio4j.internal;

import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * The base of the synchronisation primitives and queues: binds one to the event loop that first uses it and keeps
 * a completed future to hand out when an operation needs no waiting (asyncio's {@code _LoopBoundMixin}).
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>A primitive is created without a loop (as in asyncio since 3.10) and bound to the running loop the first time
 * it needs one: to make a future. Using it later from another loop throws {@link IllegalStateException}. The
 * completed future is created once per primitive, so an uncontended {@code await(lock.acquire())} allocates
 * nothing: awaiting a done future reads its state inline.
 * <pre>
 *   unbound ──first operation that needs a loop──▶ bound to the running loop
 *   bound ──operation on another running loop──▶ IllegalStateException
 * </pre>
 */
public abstract class LoopBound {
    private EventLoop loop;
    /** Completed with {@code null}; shared by every operation of this primitive that did not have to wait. */
    private Future<Void> done;

    protected LoopBound() {}

    /**
     * Returns the running loop, binding this primitive to it on first use.
     *
     * @throws IllegalStateException if no loop is running, or this primitive is bound to another loop
     */
    protected final EventLoop loop() {
        EventLoop running = EventLoop.runningLoop();
        if (running == null) {
            throw new IllegalStateException("no running event loop (" + this + " is used outside a loop)");
        }
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException(this + " is bound to a different event loop");
        }
        return running;
    }

    /** Returns the shared future completed with {@code null}. */
    protected final Future<Void> done() {
        Future<Void> d = done;
        if (d == null) {
            d = loop().createFuture();
            d.setResult(null);
            done = d;
        }
        return d;
    }

    /** Returns a new future already completed with {@code value}, on the bound loop. */
    protected final <T> Future<T> completed(T value) {
        Future<T> f = (loop != null ? loop : loop()).createFuture();
        f.setResult(value);
        return f;
    }

    /** Returns a pending waiter future on the running loop that unlinks itself from {@code home} if cancelled. */
    protected final <T> Waiter<T> waiter(java.util.Collection<? super Waiter<T>> home) {
        return new Waiter<>(loop(), home);
    }
}
