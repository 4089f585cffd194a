package org.asyncio4j.subprocess;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * A child process started by {@link Asyncio#createSubprocessExec} (asyncio's {@code Process}): its standard input as
 * a {@link PipeWriter}, its output and error streams as {@link PipeReader}s, and its exit as a future.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Each pipe is served by a daemon thread of its own (Java has no non-blocking pipes), which hands data to and
 * from the loop with {@link EventLoop#callSoonThreadsafe}; see {@link PipeReader} and {@link PipeWriter} for the
 * bounds on what they buffer. The exit is reported by the JDK's process reaper thread, also through
 * {@code callSoonThreadsafe}. As in asyncio, a process whose output nobody reads blocks once its pipe and the
 * reader's buffer ({@value PipeReader#HIGH} bytes) are full; read the output while (or before) you wait for the exit.
 *
 * <p>Exit codes are Java's: on Unix, a process killed by signal {@code n} exits with {@code 128 + n} (asyncio
 * reports {@code -n}); {@code kill()} (SIGKILL) gives 137 and {@code terminate()} (SIGTERM) 143.
 */
public final class Subprocess {
    private final EventLoop loop;
    private final Process process;
    private final PipeWriter stdin;
    private final PipeReader stdout;
    private final PipeReader stderr;
    private final Future<Integer> exit;

    private Subprocess(EventLoop loop, Process process) {
        this.loop = loop;
        this.process = process;
        String id = "pid " + process.pid();
        this.stdin = new PipeWriter(loop, process.getOutputStream(), id + " stdin");
        this.stdout = new PipeReader(loop, process.getInputStream(), id + " stdout");
        this.stderr = new PipeReader(loop, process.getErrorStream(), id + " stderr");
        this.exit = loop.createFuture();
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

    private void exited() {
        stdin.processExited();
        stdout.processExited();
        stderr.processExited();
        exit.setResult(process.exitValue());
    }

    /** {@return the operating system's process id} */
    public long pid() {
        return process.pid();
    }

    /** {@return the process's standard input} */
    public PipeWriter stdin() {
        return stdin;
    }

    /** {@return the process's standard output (empty if it was redirected)} */
    public PipeReader stdout() {
        return stdout;
    }

    /** {@return the process's standard error (empty if it was redirected or merged into the output)} */
    public PipeReader stderr() {
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

    /** {@return the exit code, or {@code null} while the loop has not yet seen the process exit} */
    public Integer returnCode() {
        return exit.done() ? exit.result() : null;
    }

    /**
     * Kills the process (SIGKILL on Unix); nothing happens if it has already exited. As {@link Process#destroy()}
     * does, this closes the pipes: output not yet read is lost, and the readers see the end.
     */
    public void kill() {
        destroying();
        process.destroyForcibly();
    }

    /** Asks the process to terminate (SIGTERM on Unix), closing the pipes as {@link #kill()} does. */
    public void terminate() {
        destroying();
        process.destroy();
    }

    /** Java closes the process's streams when it destroys it; the readers then see the end, not an error. */
    private void destroying() {
        stdout.destroying();
        stderr.destroying();
    }

    @Override
    public String toString() {
        return "Subprocess[pid " + process.pid() + (exit.done() ? " exited " + exit.result() : " running") + "]";
    }
}
