package org.asyncio4j.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Consumer;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Handle;

/**
 * The I/O half of an {@link EventLoop}: its {@link Selector} and the reader/writer callbacks registered on it
 * (asyncio's {@code selector_events}). Made by the loop on the first I/O call, closed by {@link EventLoop#close()}.
 *
 * <p>Not thread-safe; used only on the loop's thread, except {@link #wakeup()}, which any thread may call.
 *
 * <p>Each channel has at most one {@link SelectionKey}, whose attachment is a {@link Registration} holding the
 * reader and writer handles. Interest is registered only while a callback is installed. When a channel's last
 * callback is removed its key stays registered, with no interest, until the loop next waits: a task that reads
 * in a loop (remove, then add again in the same pass) reuses the key; a key still without interest then is
 * cancelled, so that after one pass no key of an idle channel remains in {@link Selector#keys()}.
 */
public final class SelectorIo {
    private static final int READ_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    private static final int WRITE_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;
    private static final Consumer<SelectionKey> IGNORE = key -> { };

    /** The callbacks of one channel. */
    /** A reader's or writer's callback (a subclass only because {@link Handle}'s constructor is not API). */
    private static final class IoHandle extends Handle {
        IoHandle(Runnable callback) {
            super(callback);
        }
    }

    static final class Registration {
        Handle reader;
        Handle writer;

        int interest(SelectableChannel ch) {
            int ops = 0;
            if (reader != null) {
                ops |= READ_OPS;
            }
            if (writer != null) {
                ops |= WRITE_OPS;
            }
            return ops & ch.validOps();
        }
    }

    public final Selector selector;
    /** Keys whose last callback was removed; cancelled at the next wait unless a callback came back. */
    private final ArrayList<SelectionKey> idle = new ArrayList<>();
    /**
     * Takes each ready key straight from the selector ({@link Selector#select(Consumer)}): no selected-key set to
     * add every ready key to and remove it from again, which cost a hash-set insert and removal per ready channel
     * per pass. One object for the selector's life; it writes to {@link #readyOut} and {@link #added}.
     */
    private final Consumer<SelectionKey> onReady = this::onReady;
    /** The ready queue of the select() under way ({@code null} between selects), and how many callbacks it got. */
    private ArrayDeque<Object> readyOut;
    private int added;

    public SelectorIo() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    public void add(SelectableChannel ch, Runnable callback, boolean write) {
        Objects.requireNonNull(ch, "channel");
        Objects.requireNonNull(callback, "callback");
        if (ch.isBlocking()) {
            throw new IllegalArgumentException("the channel must be non-blocking: " + ch);
        }
        SelectionKey key = ch.keyFor(selector);
        if (key != null && !key.isValid()) {
            flushCancelled();       // a cancelled key stays in the selector until the next select
            key = null;
        }
        Registration reg;
        if (key == null) {
            reg = new Registration();
            try {
                key = ch.register(selector, 0, reg);
            } catch (ClosedChannelException e) {
                throw new UncheckedIOException("the channel is closed: " + ch, e);
            }
        } else {
            reg = (Registration) key.attachment();
        }
        Handle h = new IoHandle(callback);
        Handle old;
        if (write) {
            old = reg.writer;
            reg.writer = h;
        } else {
            old = reg.reader;
            reg.reader = h;
        }
        if (old != null) {
            old.cancel();
        }
        key.interestOps(reg.interest(ch));
    }

    public boolean remove(SelectableChannel ch, boolean write) {
        SelectionKey key = ch.keyFor(selector);
        if (key == null || !key.isValid()) {
            return false;
        }
        Registration reg = (Registration) key.attachment();
        Handle old = write ? reg.writer : reg.reader;
        if (old == null) {
            return false;
        }
        old.cancel();
        if (write) {
            reg.writer = null;
        } else {
            reg.reader = null;
        }
        int ops = reg.interest(ch);
        key.interestOps(ops);
        if (ops == 0) {
            idle.add(key);
        }
        return true;
    }

    /** Whether any channel is registered: the loop then polls the selector each pass. */
    public boolean hasKeys() {
        return !selector.keys().isEmpty();
    }

    /**
     * Cancels the idle keys, then selects: {@code timeoutMillis < 0} waits without timeout, {@code 0} does not
     * wait, otherwise waits at most that long. Adds the ready callbacks to {@code ready}. Returns how many
     * callbacks were added.
     */
    public int select(long timeoutMillis, ArrayDeque<Object> ready) {
        cancelIdle();
        readyOut = ready;
        added = 0;
        try {
            if (timeoutMillis < 0) {
                selector.select(onReady);
            } else if (timeoutMillis == 0) {
                selector.selectNow(onReady);
            } else {
                selector.select(onReady, timeoutMillis);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        } finally {
            readyOut = null;
        }
        return added;
    }

    /** Queues the callbacks of a key the selector found ready (the callbacks run later, never inside select). */
    private void onReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        Registration reg = (Registration) key.attachment();
        int ops = key.readyOps();
        if ((ops & READ_OPS) != 0 && reg.reader != null) {
            readyOut.add(reg.reader);
            added++;
        }
        if ((ops & WRITE_OPS) != 0 && reg.writer != null) {
            readyOut.add(reg.writer);
            added++;
        }
    }

    private void cancelIdle() {
        if (idle.isEmpty()) {
            return;
        }
        for (SelectionKey key : idle) {
            if (key.isValid() && key.interestOps() == 0) {
                key.cancel();
            }
        }
        idle.clear();
    }

    private void flushCancelled() {
        try {
            // Ready keys are dropped here: readiness is level-triggered, so the next select() reports them again.
            selector.selectNow(IGNORE);
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        }
    }

    /** Thread-safe: makes a waiting (or the next) select return at once. */
    public void wakeup() {
        selector.wakeup();
    }

    public void close() {
        idle.clear();
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the selector", e);
        }
    }
}
