package org.asyncio4j.streams;

/**
 * The package-private facts of the pipe streams, for tests in other packages (SubprocessTest): what PipeReader's
 * {@code HIGH}, {@code CHUNK} and {@code maxBufferedForTesting()} were before the pipes became transports under
 * {@link StreamReader} and {@link StreamWriter}.
 */
public final class PipeTesting {
    /** The most bytes one read of a pipe's transport returns. */
    public static final int CHUNK = PipeReadTransport.CHUNK;

    private PipeTesting() {}

    /** {@return the buffer size past which {@code reader} stops reading ahead: twice its limit} */
    public static long pauseMark(StreamReader reader) {
        return reader.pauseMark();
    }

    /** {@return the most bytes {@code reader}'s buffer ever held} */
    public static int maxBuffered(StreamReader reader) {
        return reader.maxBufferedForTesting();
    }
}
