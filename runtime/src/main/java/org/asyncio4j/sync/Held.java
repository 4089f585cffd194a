package org.asyncio4j.sync;

import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Awaitable;
import org.asyncio4j.internal.AsyncSupport;

/**
 * A held {@link Lock} or {@link Semaphore} permit, released when closed: asyncio's {@code async with lock:}.
 * <pre>{@code
 * try (Held held = await(lock.hold())) {     // async with lock:
 *     ...                                    // at most one task at a time here
 * }                                          // released on every way out
 * }</pre>
 * Closing it releases at once (the close never suspends); closing it again does nothing.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 */
public final class Held implements AsyncCloseable {
    private final Object of;
    private Runnable release;

    Held(Object of, Runnable release) {
        this.of = of;
        this.release = release;
    }

    /** {@return whether this hold is still held (not closed yet)} */
    public boolean held() {
        return release != null;
    }

    /**
     * Releases the lock or permit (once); awaited at the end of a try-with-resources block over it.
     *
     * @return an awaitable that is already complete
     */
    @Override
    public Awaitable<Void> closeAsync() {
        Runnable r = release;
        release = null;
        if (r != null) {
            r.run();
        }
        return AsyncSupport.ready(null);
    }

    @Override
    public String toString() {
        return "Held[" + (release != null ? "held " : "released ") + of + "]";
    }
}
