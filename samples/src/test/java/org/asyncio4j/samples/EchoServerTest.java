package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * The echo server and client together on a real-clock loop, on 127.0.0.1 with a port the OS chose. The 10-second
 * timeout is a safety net that only a failing run reaches.
 */
class EchoServerTest {

    @Test
    void theClientGetsEveryLineBackInOrder() {
        List<String> lines = List.of("hello", "asyncio4j", "", "a longer line with spaces", "bye");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> echoes;
        EventLoop loop = new EventLoop();
        try {
            echoes = EchoServer.run(loop, lines, 10);
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        assertEquals(lines, echoes);
        assertEquals(List.of("echo: hello", "echo: asyncio4j", "echo: ", "echo: a longer line with spaces", "echo: bye"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
        assertTrue(loop.isClosed());
    }
}
