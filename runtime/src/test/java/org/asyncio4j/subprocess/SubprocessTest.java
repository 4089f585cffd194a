package org.asyncio4j.subprocess;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Future;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.streams.IncompleteReadError;
import org.asyncio4j.streams.PipeTesting;
import org.asyncio4j.streams.StreamWriter;
import org.junit.jupiter.api.Test;

/**
 * Asyncio.createSubprocessExec with real commands present on every Linux and macOS machine ({@code sh}, {@code cat},
 * {@code head}, {@code sleep}). NetTestBase's descriptor check covers the pipes: each test reads its process's output
 * to the end and waits for its input to close, after which every pipe must be closed.
 */
class SubprocessTest extends NetTestBase {

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private Subprocess start(String... command) {
        return runUntilComplete(coro(() -> awaitThen(Asyncio.createSubprocessExec(command), r -> done(r.get()))));
    }

    /** Waits for the exit, both outputs' ends and the input's close; returns the exit code. */
    private int finish(Subprocess p) {
        int code = runUntilComplete(p.waitExit());
        runUntilComplete(p.stdout().read(-1));
        runUntilComplete(p.stderr().read(-1));
        p.stdin().close();
        runUntilComplete(p.stdin().waitClosed());
        return code;
    }

    @Test
    void outputErrorOutputAndExitCode() {
        Subprocess p = start("sh", "-c", "printf 'hello\\nworld\\n'; printf oops >&2; exit 3");
        assertEquals("hello\n", str(runUntilComplete(p.stdout().readLine())));
        assertEquals("world\n", str(runUntilComplete(p.stdout().read(-1))));
        assertTrue(p.stdout().atEof());
        assertEquals("oops", str(runUntilComplete(p.stderr().read(-1))));
        assertEquals(3, runUntilComplete(p.waitExit()));
        assertEquals(3, p.returnCode());
        assertEquals(3, finish(p));
    }

    @Test
    void readExactlyAndReadUntil_andIncompleteReadAtTheEnd() {
        Subprocess p = start("printf", "abc::def");
        assertEquals("abc::", str(runUntilComplete(p.stdout().readUntil("::".getBytes(StandardCharsets.US_ASCII)))));
        IncompleteReadError e = assertThrows(IncompleteReadError.class,
                () -> runUntilComplete(p.stdout().readExactly(10)));
        assertEquals("def", str(e.partial()));
        assertEquals(0, finish(p));
    }

    @Test
    void stdinThroughCat_comesBackOnStdout_withDrainBoundingTheBuffer() {
        Subprocess p = start("cat");
        byte[] block = new byte[10_000];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + i % 26);
        }
        int blocks = 300;       // 3 MB: far more than the pipes hold, so drain() must wait for cat
        long[] maxBuffered = {0};
        Task<Object> writer = loop.createTask(coro(() -> writeBlocks(p.stdin(), block, blocks, maxBuffered)));
        byte[] out = runUntilComplete(p.stdout().read(-1));
        runUntilComplete(writer);
        assertEquals(block.length * blocks, out.length);
        for (int i = 0; i < out.length; i++) {
            if (out[i] != block[i % block.length]) {
                throw new AssertionError("byte " + i + " differs");
            }
        }
        assertTrue(maxBuffered[0] <= StreamWriter.DEFAULT_HIGH + block.length,
                "buffered " + maxBuffered[0] + " > high-water mark + one write");
        assertEquals(0, finish(p));
    }

    private static Script.Next writeBlocks(StreamWriter w, byte[] block, int left, long[] maxBuffered) {
        if (left == 0) {
            w.close();
            return awaitThen(w.waitClosed(), r -> done(null));
        }
        w.write(block);
        maxBuffered[0] = Math.max(maxBuffered[0], w.writeBufferSize());
        return awaitThen(w.drain(), r -> {
            r.get();
            return writeBlocks(w, block, left - 1, maxBuffered);
        });
    }

    @Test
    void severalMegabytesOfOutput_areReadWithABoundedBuffer() {
        int size = 8 * 1024 * 1024;
        // The shell waits for a line on stdin after the output, so it cannot exit (after which the reader reads
        // on to the end of the pipe, past its bound) before the test has read everything.
        Subprocess p = start("sh", "-c", "head -c " + size + " /dev/zero; read line");
        long total = 0;
        while (total < size) {
            byte[] chunk = runUntilComplete(p.stdout().read(4096));
            if (chunk.length == 0) {
                throw new AssertionError("the output ended after " + total + " bytes");
            }
            total += chunk.length;
        }
        assertEquals(size, total);
        assertNull(p.returnCode());
        p.stdin().write("go\n".getBytes(StandardCharsets.US_ASCII));
        p.stdin().close();
        assertEquals(0, runUntilComplete(p.waitExit()));
        assertTrue(PipeTesting.maxBuffered(p.stdout()) <= PipeTesting.pauseMark(p.stdout()) + PipeTesting.CHUNK,
                "the reader buffered " + PipeTesting.maxBuffered(p.stdout()) + " bytes");
        assertEquals(0, finish(p));
    }

    @Test
    void killALongRunningProcess_exitsWithSigkillsCode() {
        Subprocess p = start("sleep", "60");
        assertNull(p.returnCode());
        p.kill();
        assertEquals(128 + 9, runUntilComplete(p.waitExit()));
        assertEquals(128 + 9, finish(p));
    }

    @Test
    void terminateALongRunningProcess_exitsWithSigtermsCode() {
        Subprocess p = start("sleep", "60");
        p.terminate();
        assertEquals(128 + 15, finish(p));
    }

    @Test
    void cancellingOneWaitExit_leavesTheOthersWaiting() {
        Subprocess p = start("sleep", "60");
        Future<Integer> first = p.waitExit();
        Future<Integer> second = p.waitExit();
        first.cancel();
        p.kill();
        assertEquals(137, runUntilComplete(second));
        assertTrue(first.cancelled());
        assertEquals(137, finish(p));
    }

    @Test
    void writingToAProcessThatHasExited_failsDrainWithBrokenPipe() {
        Subprocess p = start("sh", "-c", "exit 0");
        assertEquals(0, runUntilComplete(p.waitExit()));
        p.stdin().write(new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> runUntilComplete(p.stdin().drain()));
        assertEquals("Broken pipe: pid " + p.pid() + " stdin is closed, the process has exited", e.getMessage());
        assertEquals(0, finish(p));
    }

    @Test
    void aProgramThatDoesNotExist_failsTheFuture() {
        Future<Subprocess> f = runUntilComplete(coro(() ->
                done(Asyncio.createSubprocessExec("/nonexistent/asyncio4j-no-such-program"))));
        IOException e = assertInstanceOf(IOException.class, f.exception());
        assertTrue(e.getMessage().startsWith("Cannot run program \"/nonexistent/asyncio4j-no-such-program\""),
                e.getMessage());
    }

    @Test
    void aSecondReadWhileOneWaits_isRefused() {
        Subprocess p = start("cat");
        Future<byte[]> first = p.stdout().readLine();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.stdout().read(1));
        assertEquals("read() called while another task is already waiting for incoming data: a StreamReader"
                + " serves one read at a time; await the pending read before starting another, or read in one task"
                + " and hand the data to the others (through a Queue, for example)", e.getMessage());
        p.stdin().write("line\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("line\n", str(runUntilComplete(first)));
        p.stdin().close();
        assertEquals(0, finish(p));
    }

    @Test
    void writeEofClosesTheInputAfterTheBufferedBytes_andThePipeHasNoSocket() {
        Subprocess p = start("cat");
        assertTrue(p.stdin().canWriteEof());
        assertNull(p.stdin().channel());
        p.stdin().write("abc".getBytes(StandardCharsets.US_ASCII));
        p.stdin().writeEof();
        assertThrows(IllegalStateException.class, () -> p.stdin().write(new byte[] {1}));
        assertEquals("abc", str(runUntilComplete(p.stdout().read(-1))));
        assertTrue(p.stdout().atEof());
        assertEquals(0, finish(p));
    }

    @Test
    void aCancelledReadLeavesTheOutputForTheNextRead() {
        Subprocess p = start("cat");
        Future<byte[]> first = p.stdout().readLine();
        first.cancel();
        p.stdin().write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("one\n", str(runUntilComplete(p.stdout().readLine())));
        assertEquals("two\n", str(runUntilComplete(p.stdout().readLine())));
        assertTrue(first.cancelled());
        p.stdin().close();
        assertEquals(0, finish(p));
    }

    @Test
    void aProcessBuilder_setsTheDirectory() {
        ProcessBuilder b = new ProcessBuilder(List.of("pwd")).directory(new java.io.File("/"));
        Subprocess p = runUntilComplete(coro(() -> awaitThen(Asyncio.createSubprocessExec(b), r -> done(r.get()))));
        assertArrayEquals("/\n".getBytes(StandardCharsets.US_ASCII), runUntilComplete(p.stdout().read(-1)));
        assertEquals(0, finish(p));
    }
}
