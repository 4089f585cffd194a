package org.asyncio4j;

/**
 * Rethrows any {@link Throwable} without wrapping it and without the compiler requiring a {@code throws} clause.
 *
 * <p>asyncio re-raises a task's exception as it is; wrapping a checked exception (as
 * {@link java.util.concurrent.CompletableFuture#join()} does) would make {@code catch (IOException e)} around an
 * {@code await} useless. The processor lets an {@code @Async} method declare the checked exceptions its body
 * throws, so callers still see them at compile time.
 *
 * <p>Thread-safe (stateless).
 */
final class Sneaky {
    private Sneaky() {}

    /**
     * Throws {@code t}. Declared to return an exception so callers can write {@code throw Sneaky.rethrow(t);} and
     * keep javac's flow analysis happy.
     */
    static RuntimeException rethrow(Throwable t) {
        throw Sneaky.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E doThrow(Throwable t) throws E {
        throw (E) t;
    }
}
