package org.asyncio4j.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Virtual threads for the baselines, reached through a {@link MethodHandle} because this module is compiled with
 * {@code --release 17}, where {@code Thread.startVirtualThread} does not exist.
 *
 * <p>On JDK 17 {@link #AVAILABLE} is {@code false}: the virtual-thread benchmark methods do nothing (and
 * {@code run.sh} excludes them), and {@link #start} throws {@link UnsupportedOperationException}.
 */
public final class VirtualThreads {
    /** {@code Thread.startVirtualThread(Runnable)}, or {@code null} before JDK 21. */
    private static final MethodHandle START = find();

    /** Whether this JVM has virtual threads (JDK 21+). */
    public static final boolean AVAILABLE = START != null;

    private VirtualThreads() {}

    private static MethodHandle find() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** Starts {@code task} on a new virtual thread. */
    public static Thread start(Runnable task) {
        if (START == null) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or newer (this is "
                    + Runtime.version() + ")");
        }
        try {
            return (Thread) START.invokeExact(task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
