package org.asyncio4j.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer program nobody here wrote (openssl, CPython, socat, nc), run as a child process on loopback: its standard
 * input fed from bytes, its standard output and error collected by two threads, a deadline on everything.
 *
 * <p>A peer that is missing fails the test with what to install: these tests never skip (CI installs the tools,
 * see {@code .ci/run}). A peer still running at {@link #close()} is killed, so no test leaves a process behind.
 *
 * <p>Thread-safe: the collected output is guarded by this object's monitor; {@link #awaitOutput} waits on it.
 */
final class Peer implements AutoCloseable {
    /** Generous: a deadline that passes means a hang, and a hang is what these tests exist to catch. */
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PYTHON = "python3";

    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread[] pumps;
    /** How long the peer may run: {@link #DEADLINE} unless its test says more (a batch of many connections). */
    private final Duration deadline;
    /** Set when the watchdog killed the peer at its deadline: the test then fails, saying so, instead of hanging. */
    private volatile boolean killedAtDeadline;

    private Peer(Duration deadline, List<String> command, byte[] input, boolean closeInput) throws IOException {
        this.deadline = deadline;
        this.command = List.copyOf(command);
        requireTool(command.get(0));
        this.process = new ProcessBuilder(command).start();
        this.pumps = new Thread[] {
            pump(process.getInputStream(), stdout, "stdout"),
            pump(process.getErrorStream(), stderr, "stderr"),
            feed(process.getOutputStream(), input, closeInput),
        };
        // Every peer ends by itself: a peer that waits forever (s_client waits for the server to close) would
        // otherwise keep a stalled connection, and the test, open without bound.
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    killedAtDeadline = true;
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "peer-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Starts {@code command}, writes {@code input} to its standard input and closes it. */
    static Peer start(List<String> command, byte[] input) {
        return start(command, input, true);
    }

    /**
     * Starts {@code command} and writes {@code input} to its standard input, closing it afterwards only if
     * {@code closeInput} (some peers, such as {@code openssl s_server}, stop at the end of their input).
     */
    static Peer start(List<String> command, byte[] input, boolean closeInput) {
        return start(DEADLINE, command, input, closeInput);
    }

    /** As {@link #start(List, byte[], boolean)}, killed after {@code deadline} rather than {@link #DEADLINE}. */
    static Peer start(Duration deadline, List<String> command, byte[] input, boolean closeInput) {
        try {
            return new Peer(deadline, command, input, closeInput);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs one of the Python peers in {@code src/test/resources/peers} with {@code args}. */
    static Peer python(String script, byte[] input, String... args) {
        return python(DEADLINE, script, input, args);
    }

    /** As {@link #python(String, byte[], String...)}, killed after {@code deadline} rather than {@link #DEADLINE}. */
    static Peer python(Duration deadline, String script, byte[] input, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", resource(script).toString()));
        command.addAll(List.of(args));
        return start(deadline, command, input, true);
    }

    /** Waits for the peer to exit, failing with its output if it does not within its deadline. */
    int waitFor() {
        try {
            process.waitFor();          // the watchdog ends it at the deadline
            for (Thread t : pumps) {
                t.join(DEADLINE.toMillis());
            }
            if (killedAtDeadline) {
                throw new AssertionError("the peer did not finish within " + deadline.toSeconds() + " s: " + this);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + this, e);
        }
    }

    /** Completes with the peer's exit status once it exited and its output was collected (for an event loop). */
    java.util.concurrent.CompletableFuture<Integer> onExit() {
        return process.onExit().thenApplyAsync(p -> waitFor());
    }

    /** Waits for the peer to exit with status 0; fails with its output otherwise. */
    Peer succeeds() {
        int status = waitFor();
        if (status != 0) {
            throw new AssertionError("the peer exited with " + status + ": " + this);
        }
        return this;
    }

    /**
     * Waits until the peer's standard output (or error) matches {@code regex}, and returns the match's first group
     * (the whole match if it has none): how a test learns a server peer's port or that it is ready.
     */
    String awaitOutput(String regex) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        synchronized (this) {
            for (;;) {
                for (ByteArrayOutputStream out : List.of(stdout, stderr)) {
                    Matcher m = pattern.matcher(out.toString(StandardCharsets.ISO_8859_1));
                    if (m.find()) {
                        return m.groupCount() > 0 ? m.group(1) : m.group();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && pumpsDone()) {
                    throw new AssertionError("the peer never printed /" + regex + "/: " + this);
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Everything the peer wrote to its standard output so far. */
    synchronized byte[] stdout() {
        return stdout.toByteArray();
    }

    synchronized String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** The peer's standard output as text. */
    String stdoutText() {
        return new String(stdout(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        byte[] out = stdout();
        String shown = new String(out, 0, Math.min(out.length, 2_000), StandardCharsets.ISO_8859_1);
        return String.join(" ", command) + (killedAtDeadline ? "\n(killed at its deadline)" : "")
                + "\n--- stdout (" + out.length + " bytes) ---\n" + shown
                + "\n--- stderr ---\n" + stderr();
    }

    /** Copies a resource of {@code peers/} to a file, once per JVM, and returns its path. */
    static synchronized Path resource(String name) {
        return SCRIPTS.computeIfAbsent(name, Peer::copyResource);
    }

    private static final java.util.Map<String, Path> SCRIPTS = new java.util.HashMap<>();

    private static Path copyResource(String name) {
        try (InputStream in = Peer.class.getResourceAsStream("/peers/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no peer script " + name + " in src/test/resources/peers");
            }
            Path file = Files.createTempFile("asyncio4j-peer-", "-" + name);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails, saying what to install, if {@code tool} is not on the PATH. */
    static void requireTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        throw new AssertionError(tool + " is not on the PATH: the interop tests run real peers and never skip."
                + " Install it (Debian: apt-get install -y openssl python3 socat netcat-openbsd), as .ci/run does");
    }

    private synchronized boolean pumpsDone() {
        return !pumps[0].isAlive() && !pumps[1].isAlive();
    }

    private Thread pump(InputStream in, ByteArrayOutputStream into, String name) {
        Thread t = new Thread(() -> {
            byte[] chunk = new byte[8192];
            try (in) {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    synchronized (this) {
                        into.write(chunk, 0, n);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was killed: what was read stays
            }
            synchronized (this) {
                notifyAll();
            }
        }, "peer-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Thread feed(OutputStream out, byte[] input, boolean closeInput) {
        Thread t = new Thread(() -> {
            try {
                out.write(input);
                out.flush();
                if (closeInput) {
                    out.close();
                }
            } catch (IOException e) {
                // the peer exited before reading all of its input: its exit status and output tell why
            }
        }, "peer-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
