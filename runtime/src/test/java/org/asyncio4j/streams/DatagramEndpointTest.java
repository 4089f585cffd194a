package org.asyncio4j.streams;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Future;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.junit.jupiter.api.Test;

/** Asyncio.openDatagramEndpoint and DatagramEndpoint, on loopback; NetTestBase checks for leaked descriptors. */
class DatagramEndpointTest extends NetTestBase {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(HOST, 0);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String str(Datagram d) {
        return new String(d.data(), StandardCharsets.US_ASCII);
    }

    private DatagramEndpoint open(SocketAddress local, SocketAddress remote) {
        return runUntilComplete(Script.coro(() -> awaitThen(Asyncio.openDatagramEndpoint(local, remote),
                r -> done(r.get()))));
    }

    private void close(DatagramEndpoint... endpoints) {
        for (DatagramEndpoint e : endpoints) {
            e.close();
            runUntilComplete(e.waitClosed());
        }
    }

    @Test
    void roundTrip_betweenTwoUnconnectedEndpoints() {
        DatagramEndpoint a = open(ANY_PORT, null);
        DatagramEndpoint b = open(ANY_PORT, null);
        Future<Datagram> atB = b.receive();
        assertNull(runUntilComplete(a.send(ascii("ping"), b.localAddress())));
        Datagram ping = runUntilComplete(atB);
        assertEquals("ping", str(ping));
        assertEquals(a.localAddress(), ping.sender());

        runUntilComplete(b.send(ascii("pong"), ping.sender()));
        Datagram pong = runUntilComplete(a.receive());
        assertEquals("pong", str(pong));
        assertEquals(b.localAddress(), pong.sender());
        close(a, b);
    }

    @Test
    void connectedEndpoint_sendsToItsPeerWithoutAnAddress_andAnEmptyDatagramOnlyUnconnected() {
        DatagramEndpoint server = open(ANY_PORT, null);
        DatagramEndpoint client = open(null, server.localAddress());
        assertEquals(server.localAddress(), client.remoteAddress());
        client.send(ascii("hello"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> client.send(new byte[0]));
        assertEquals("an empty datagram cannot be sent on a connected endpoint (a JDK limitation); send it from an "
                + "unconnected endpoint with the address: " + client, empty.getMessage());
        Datagram hello = runUntilComplete(server.receive());
        assertEquals("hello", str(hello));
        assertEquals(client.localAddress(), hello.sender());
        server.send(new byte[0], hello.sender());
        assertEquals(0, runUntilComplete(client.receive()).length());

        server.send(ByteBuffer.wrap(ascii("back")), hello.sender());
        assertEquals("back", str(runUntilComplete(client.receive())));
        close(client, server);
    }

    @Test
    void manyDatagrams_arriveInOrder() {
        DatagramEndpoint a = open(ANY_PORT, null);
        DatagramEndpoint b = open(ANY_PORT, null);
        List<Integer> received = new ArrayList<>();
        // Batches of 50 fit the receive buffer of any OS (a datagram nobody waits for waits there, and UDP drops
        // what does not fit): send a batch, then receive it, 40 times.
        for (int batch = 0; batch < 40; batch++) {
            List<Future<Datagram>> waits = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                waits.add(b.receive());
            }
            for (int i = 0; i < 50; i++) {
                a.send(ByteBuffer.allocate(4).putInt(batch * 50 + i).flip(), b.localAddress());
            }
            for (Future<Datagram> w : waits) {
                received.add(ByteBuffer.wrap(runUntilComplete(w).data()).getInt());
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            expected.add(i);
        }
        assertEquals(expected, received);
        close(a, b);
    }

    @Test
    void cancelledReceive_takesNoDatagram_andTheNextReceiveGetsIt() {
        DatagramEndpoint a = open(ANY_PORT, null);
        DatagramEndpoint b = open(ANY_PORT, null);
        Future<Datagram> first = b.receive();
        Future<Datagram> second = b.receive();
        Future<Datagram> third = b.receive();
        runOnePass();
        second.cancel();
        first.cancel();
        a.send(ascii("one"), b.localAddress());
        a.send(ascii("two"), b.localAddress());
        assertEquals("one", str(runUntilComplete(third)));
        assertTrue(first.cancelled() && second.cancelled());
        assertEquals("two", str(runUntilComplete(b.receive())));

        Future<Datagram> last = b.receive();
        runOnePass();
        last.cancel();
        runOnePass();
        assertEquals(0, validKeys(), "no interest left once the last receive was cancelled");
        close(a, b);
    }

    @Test
    void closeWhileAReceiveWaits_failsTheWaiterWithAClearError_andLaterCallsAreRefused() {
        DatagramEndpoint e = open(ANY_PORT, null);
        String local = e.localAddress().toString();
        Future<Datagram> waiting = e.receive();
        runOnePass();
        e.close();
        IOException err = assertThrows(IOException.class, () -> runUntilComplete(waiting));
        assertEquals("DatagramEndpoint[local=" + local + "] was closed while receive() waited", err.getMessage());
        runUntilComplete(e.waitClosed());
        assertFalse(e.channel().isOpen());

        IOException late = assertThrows(IOException.class, () -> runUntilComplete(e.receive()));
        assertEquals("receive() called on a closed DatagramEndpoint[local=closed closing]", late.getMessage());
        IllegalStateException send = assertThrows(IllegalStateException.class,
                () -> e.send(ascii("x"), new InetSocketAddress(HOST, 9)));
        assertEquals("send() called on a closing DatagramEndpoint[local=closed closing]", send.getMessage());
    }

    @Test
    void sendWithoutAnAddress_onAnUnconnectedEndpoint_isRefused() {
        DatagramEndpoint e = open(ANY_PORT, null);
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class, () -> e.send(ascii("x")));
        assertEquals("send() needs a target address: " + e + " is not connected (pass the address, or open the "
                + "endpoint with a remote address)", err.getMessage());
        close(e);
    }

    @Test
    void sendToAnotherAddress_onAConnectedEndpoint_isRefused() {
        DatagramEndpoint server = open(ANY_PORT, null);
        DatagramEndpoint client = open(null, server.localAddress());
        InetSocketAddress other = new InetSocketAddress(HOST, 9);
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class,
                () -> client.send(ascii("x"), other));
        assertEquals("send() to " + other + " on " + client + ", which is connected to " + server.localAddress()
                + " (pass no address, or open an unconnected endpoint)", err.getMessage());
        close(client, server);
    }

    @Test
    void connectedEndpoint_whosePeerIsGone_getsPortUnreachable_andStaysOpen() {
        DatagramEndpoint peer = open(ANY_PORT, null);
        InetSocketAddress gone = peer.localAddress();
        close(peer);
        DatagramEndpoint client = open(null, gone);
        runUntilComplete(client.send(ascii("anyone?")));
        Throwable err = assertThrows(Throwable.class, () -> runUntilComplete(client.receive()));
        assertInstanceOf(PortUnreachableException.class, err);
        assertFalse(client.isClosing());
        close(client);
    }

    @Test
    void bindToAPortInUse_failsTheOpenFuture() {
        DatagramEndpoint first = open(ANY_PORT, null);
        Future<DatagramEndpoint> second = runUntilComplete(Script.coro(() ->
                done(Asyncio.openDatagramEndpoint(first.localAddress(), null))));
        assertInstanceOf(java.net.BindException.class, second.exception());
        close(first);
    }

    @Test
    void manyEndpointsOpenedAndClosed_withReceivesWaiting_leakNoDescriptor() {
        List<DatagramEndpoint> all = new ArrayList<>();
        List<Future<Datagram>> waits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            DatagramEndpoint e = open(ANY_PORT, null);
            all.add(e);
            waits.add(e.receive());
        }
        runOnePass();
        close(all.toArray(new DatagramEndpoint[0]));
        for (Future<Datagram> w : waits) {
            assertInstanceOf(IOException.class, w.exception());
        }
        assertEquals(0, validKeys());
        // NetTestBase then checks that no socket or selector descriptor stayed open.
    }
}
