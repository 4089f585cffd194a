package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The group echo server on two loops, with {@link EchoClient} on the first, on 127.0.0.1 with an OS-chosen port. */
class GroupEchoServerTest {

    @Test
    void everyLineComesBack_andEveryLoopAnswersFromItself() {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> result;
        try {
            result = GroupEchoServer.run(2, List.of("hello", "every core"));
        } finally {
            System.setOut(original);
        }
        assertEquals(List.of("hello", "every core", "loop 0 of 2", "loop 1 of 2"), result);
    }
}
