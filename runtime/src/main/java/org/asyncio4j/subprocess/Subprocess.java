package org.asyncio4j.subprocess;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Awaitable;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.internal.AwaitThen;
import org.asyncio4j.streams.Pipes;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;

/**
 * A child process started by {@link Asyncio#createSubprocessExec} (asyncio's {@code Process}): its standard input as
 * a {@link StreamWriter}, its output and error streams as {@link StreamReader}s (the same classes, with the same
 * methods and flow control, as a TCP connection's), and its exit as a future.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Each pipe is served by a daemon thread of its own (Java has no non-blocking pipes), which hands data to and
 * from the loop with {@link EventLoop#callSoonThreadsafe}; see {@link Pipes} for the bounds on what they hold. The
 * exit is reported by the JDK's process reaper thread, also through {@code callSoonThreadsafe}. As in asyncio, a
 * process whose output nobody reads blocks once its pipe and the reader's buffer (twice
 * {@link StreamReader#DEFAULT_LIMIT}) are full; read the output while (or before) you wait for the exit.
 *
 * <p>Exit codes are Java's: on Unix, a process killed by signal {@code n} exits with {@code 128 + n} (asyncio
 * reports {@code -n}); {@code kill()} (SIGKILL) gives 137 and {@code terminate()} (SIGTERM) 143.
 *
 * <p>An {@link AsyncCloseable} (asyncio's {@code Process} is not an async context manager; this is the natural
 * reading of one): {@code try (Subprocess p = await(createSubprocessExec(builder))) { ... }} closes its standard
 * input and waits for the exit when the block ends normally, and kills the process and waits for it when the block
 * ends by an exception or a cancellation, so no child outlives its block.
 */
public final class Subprocess implements AsyncCloseable {
    private final EventLoop loop;
    private final Process process;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final Future<Integer> exit;
    /** Set (on the loop's thread) before the process is killed; read by the pipes' threads. */
    private volatile boolean destroyed;

    private Subprocess(EventLoop loop, Process process) {
        this.loop = loop;
        this.process = process;
        this.exit = loop.createFuture();
        String id = "pid " + process.pid();
        this.stdin = Pipes.connectWritePipe(loop, process.getOutputStream(), id + " stdin", exit);
        this.stdout = Pipes.connectReadPipe(loop, new EndOnDestroy(process.getInputStream()), id + " stdout", exit);
        this.stderr = Pipes.connectReadPipe(loop, new EndOnDestroy(process.getErrorStream()), id + " stderr", exit);
    }

    /**
     * As {@link Asyncio#createSubprocessExec(ProcessBuilder)}, on {@code loop} (asyncio's
     * {@code loop.subprocess_exec}): the future is done at once, with the process or the error of starting it.
     *
     * @param loop the loop that owns the process's pipes and exit future
     * @param builder the command, directory, environment and redirections
     * @return a future done at once, with the process or the {@link IOException} of starting it
     */
    public static Future<Subprocess> exec(EventLoop loop, ProcessBuilder builder) {
        Future<Subprocess> f = loop.createFuture();
        try {
            f.setResult(start(loop, builder));
        } catch (IOException e) {
            f.setException(e);
        }
        return f;
    }

    /**
     * Starts {@code builder}'s process on the loop's thread (a fork and exec, as asyncio does) and wires its pipes
     * (a redirected stream reads as empty, as {@link Process} has it).
     */
    static Subprocess start(EventLoop loop, ProcessBuilder builder) throws IOException {
        Subprocess s = new Subprocess(loop, builder.start());
        s.watchExit();
        return s;
    }

    private void watchExit() {
        CompletableFuture<Process> onExit = process.onExit();
        // Runs on the JDK's reaper thread (or here, if the process is already gone); if the loop was closed
        // meanwhile, callSoonThreadsafe throws into the CompletableFuture and nobody is left to tell.
        onExit.thenRun(() -> loop.callSoonThreadsafe(this::exited));
    }

    /** The pipes learn of the exit from {@code exit}'s callbacks, which run before any waiter's. */
    private void exited() {
        exit.setResult(process.exitValue());
    }

    /** {@return the operating system's process id} */
    public long pid() {
        return process.pid();
    }

    /** {@return the process's standard input} */
    public StreamWriter stdin() {
        return stdin;
    }

    /** {@return the process's standard output (empty if it was redirected)} */
    public StreamReader stdout() {
        return stdout;
    }

    /** {@return the process's standard error (empty if it was redirected or merged into the output)} */
    public StreamReader stderr() {
        return stderr;
    }

    /**
     * Completes with the exit code once the process has exited (asyncio's {@code wait()}). Each call returns a
     * future of its own, so cancelling one waiter does not affect the others.
     *
     * @return a future of the process's exit code
     */
    public Future<Integer> waitExit() {
        return Asyncio.shield(exit);
    }

    /**
     * Closes the standard input and waits for the exit: awaited at the normal end of a try-with-resources block.
     *
     * @return a future of the exit code's arrival
     */
    @Override
    public Awaitable<Void> closeAsync() {
        stdin.close();
        return new AwaitThen<Integer, Void>(waitExit(), (code, failure) -> {
            if (failure != null) {
                throw failure;
            }
            return null;
        });
    }

    /**
     * Kills the process (if it still runs) and waits for its exit, then lets {@code failure} propagate: awaited
     * when a try-with-resources block over the process ends by an exception or a cancellation.
     *
     * @param failure what ended the block
     * @return what to await
     */
    @Override
    public Awaitable<Void> closeAsync(Throwable failure) {
        if (!exit.done()) {
            kill();
        }
        return new AwaitThen<Integer, Void>(waitExit(), (code, waitFailure) -> {
            if (waitFailure != null && waitFailure != failure) {
                failure.addSuppressed(waitFailure);
            }
            return null;
        });
    }

    /** {@return the exit code, or {@code null} while the loop has not yet seen the process exit} */
    public Integer returnCode() {
        return exit.done() ? exit.result() : null;
    }

    /**
     * Kills the process (SIGKILL on Unix); nothing happens if it has already exited. As {@link Process#destroy()}
     * does, this closes the pipes: output not yet read is lost, and the readers see the end.
     */
    public void kill() {
        destroyed = true;
        process.destroyForcibly();
    }

    /** Asks the process to terminate (SIGTERM on Unix), closing the pipes as {@link #kill()} does. */
    public void terminate() {
        destroyed = true;
        process.destroy();
    }

    /**
     * A process's output stream as its pipe's thread reads it: Java closes the process's streams when it destroys
     * it, so after {@link #kill()} or {@link #terminate()} a failed read is the end of the output, not an error.
     */
    private final class EndOnDestroy extends FilterInputStream {
        EndOnDestroy(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                if (destroyed) {
                    return -1;
                }
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "Subprocess[pid " + process.pid() + (exit.done() ? " exited " + exit.result() : " running") + "]";
    }
}
