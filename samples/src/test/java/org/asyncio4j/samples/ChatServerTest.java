package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * The chat server and three scripted clients on one real-clock loop, on 127.0.0.1 with a port the OS chose. Each
 * client's transcript holds every line it received, up to the server closing its connection, so a line sent to the
 * wrong client, or twice, shows. The 10-second timeout is a safety net that only a failing run reaches.
 */
class ChatServerTest {

    @Test
    void everyLineReachesExactlyTheOthers_inOrder_andDisconnectsAreAnnounced() {
        EventLoop loop = new EventLoop();
        Map<String, List<String>> transcripts = ChatServer.run(loop, 10);
        assertEquals(List.of("alice", "bob", "carol"), List.copyOf(transcripts.keySet()));
        assertEquals(List.of(
                "Welcome, alice! Also here: nobody",
                "* bob joined",
                "* carol joined",
                "bob: hello alice",
                "* carol left"), transcripts.get("alice"));
        assertEquals(List.of(
                "Welcome, bob! Also here: alice",
                "* carol joined",
                "alice: hi all",
                "* carol left",
                "* alice left"), transcripts.get("bob"));
        assertEquals(List.of(
                "Welcome, carol! Also here: alice, bob",
                "alice: hi all",
                "bob: hello alice"), transcripts.get("carol"));
        assertTrue(loop.isClosed());
    }
}
