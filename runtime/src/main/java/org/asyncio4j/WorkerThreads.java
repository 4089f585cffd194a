package org.asyncio4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the executor that runs an event loop's {@link Asyncio#toThread} work (asyncio's default executor): virtual
 * threads where the JDK has them, otherwise a bounded pool of daemon platform threads.
 *
 * <p>Thread-safe: it holds only constants, computed once when the class is initialised.
 *
 * <ul>
 *   <li><b>JDK 21 and later:</b> one new virtual thread per call ({@code Executors.newThreadPerTaskExecutor} with a
 *       {@code Thread.ofVirtual()} factory). The runtime is compiled with {@code --release 17}, so both are reached
 *       through method handles, looked up once. Not bounded: a virtual thread that blocks releases its carrier
 *       (except while pinned, for example inside {@code synchronized} before JDK 24).</li>
 *   <li><b>JDK 17 to 20</b> (virtual threads are final only in 21; 19 and 20 have them as a preview that needs
 *       {@code --enable-preview}), or if the lookup fails: a {@link ThreadPoolExecutor} of at most
 *       {@link #POOL_SIZE} = min(32, available processors + 4) daemon threads, the size of Python's default
 *       executor. Calls beyond the bound wait in an unbounded FIFO queue. Idle threads end after 60 seconds.</li>
 * </ul>
 * Either way the threads are daemon threads named {@code asyncio4j-to-thread-N}, so they never keep the JVM alive,
 * and each loop owns its executor: {@link EventLoop#close()} shuts it down with
 * {@link ExecutorService#shutdownNow()}, which interrupts work still running and does not wait for it.
 */
final class WorkerThreads {
    /** The bound of the platform-thread pool: min(32, available processors + 4), as Python's default executor. */
    static final int POOL_SIZE = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);

    static final String THREAD_NAME_PREFIX = "asyncio4j-to-thread-";

    private static final System.Logger LOG = System.getLogger(WorkerThreads.class.getName());

    /** Numbers the platform pool's threads (the virtual-thread factory keeps its own counter). */
    private static final AtomicLong POOL_THREAD_NUMBER = new AtomicLong();

    /** {@code () -> Executors.newThreadPerTaskExecutor(virtualThreadFactory)}, or {@code null} before JDK 21. */
    private static final MethodHandle NEW_VIRTUAL_THREAD_EXECUTOR = lookUpVirtualThreadExecutor();

    private WorkerThreads() {}

    /** Returns whether {@link #newExecutor()} makes virtual threads. */
    static boolean usesVirtualThreads() {
        return NEW_VIRTUAL_THREAD_EXECUTOR != null;
    }

    /** A new executor for one loop: virtual threads if available, otherwise {@link #newPlatformPool()}. */
    static ExecutorService newExecutor() {
        MethodHandle h = NEW_VIRTUAL_THREAD_EXECUTOR;
        if (h != null) {
            try {
                return (ExecutorService) h.invokeExact();
            } catch (Throwable t) {
                throw Sneaky.rethrow(t);    // the JDK factory declares nothing; anything here is a JDK problem
            }
        }
        return newPlatformPool();
    }

    /** The fallback: at most {@link #POOL_SIZE} daemon platform threads, an unbounded queue, 60 s keep-alive. */
    static ThreadPoolExecutor newPlatformPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_SIZE, POOL_SIZE, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), WorkerThreads::newDaemonThread);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static Thread newDaemonThread(Runnable r) {
        Thread t = new Thread(r, THREAD_NAME_PREFIX + POOL_THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    private static MethodHandle lookUpVirtualThreadExecutor() {
        if (Runtime.version().feature() < 21) {
            return null;        // absent, or a preview API that throws unless --enable-preview
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object b = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
            b = lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class, long.class))
                    .invoke(b, THREAD_NAME_PREFIX, 1L);
            // One factory for all loops: it is thread-safe, and its counter keeps the names unique.
            ThreadFactory factory = (ThreadFactory) lookup
                    .findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class)).invoke(b);
            MethodHandle perTask = lookup.findStatic(Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class));
            return MethodHandles.insertArguments(perTask, 0, factory);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.DEBUG, "virtual threads unavailable; toThread uses a platform-thread pool", t);
            return null;
        }
    }
}
