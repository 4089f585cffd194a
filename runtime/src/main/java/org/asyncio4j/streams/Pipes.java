package org.asyncio4j.streams;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * A child process's pipes as streams: a {@link StreamReader} over its output, a {@link StreamWriter} over its input,
 * with the same buffering, flow control and states as a TCP connection's (asyncio's {@code loop.connect_read_pipe}
 * and {@code loop.connect_write_pipe} with a {@code StreamReader} and {@code StreamWriter}, as
 * {@code asyncio.create_subprocess_exec} wires them). {@link org.asyncio4j.subprocess.Subprocess} makes its
 * {@code stdin()}, {@code stdout()} and {@code stderr()} here; most programs use those.
 *
 * <p>Not thread-safe: call from {@code loop}'s thread, and use the streams there. Java has no non-blocking pipes, so
 * each pipe has a daemon thread of its own that does the blocking reads or writes and hands the bytes to and from the
 * loop; see {@link StreamReader} and {@link StreamWriter} for what they hold.
 */
public final class Pipes {
    private Pipes() {}

    /**
     * A reader over a process's output pipe, reading ahead from now on up to twice
     * {@link StreamReader#DEFAULT_LIMIT}. Once {@code processExit} completes the pipe is read to its end whatever
     * the program reads (the pipe then holds at most its capacity), so its thread always ends; it closes {@code in}
     * at the end. The reader sees a failed read of {@code in} as the error of its reads.
     *
     * @param loop the loop that owns the reader
     * @param in the pipe (for example {@link Process#getInputStream()})
     * @param name the pipe's name, for messages and the thread's name
     * @param processExit a future that completes when the process writing the pipe has exited
     * @return the reader
     */
    public static StreamReader connectReadPipe(EventLoop loop, InputStream in, String name, Future<?> processExit) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(processExit, "processExit");
        PipeReadTransport transport = new PipeReadTransport(loop, in, name);
        processExit.addDoneCallback(f -> transport.writerGone());
        StreamReader reader = new StreamReader(loop, transport, StreamReader.DEFAULT_LIMIT);
        reader.startReading();
        return reader;
    }

    /**
     * A writer over a process's input pipe, with the default water marks. Once {@code processExit} completes,
     * nothing reads the pipe any more: a write then fails {@link StreamWriter#drain()} with an
     * {@link java.io.IOException} "Broken pipe: <i>name</i> is closed, the process has exited", and the pipe's
     * thread closes {@code out} and ends, whether or not the program closes the writer.
     *
     * @param loop the loop that owns the writer
     * @param out the pipe (for example {@link Process#getOutputStream()})
     * @param name the pipe's name, for messages and the thread's name
     * @param processExit a future that completes when the process reading the pipe has exited
     * @return the writer
     */
    public static StreamWriter connectWritePipe(EventLoop loop, OutputStream out, String name,
            Future<?> processExit) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(processExit, "processExit");
        PipeWriteTransport transport = new PipeWriteTransport(loop, out, name);
        processExit.addDoneCallback(f -> transport.readerGone());
        return new StreamWriter(loop, transport, null);
    }
}
