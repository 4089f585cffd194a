package org.asyncio4j.streams;

import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One datagram received by a {@link DatagramEndpoint}: its bytes and the address it came from (what asyncio's
 * {@code DatagramProtocol.datagram_received} gets). Immutable, so
 * thread-safe; {@link #data()} returns a copy.
 */
public final class Datagram {
    private final byte[] data;
    private final SocketAddress sender;

    Datagram(byte[] data, SocketAddress sender) {
        this.data = Objects.requireNonNull(data, "data");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** {@return a copy of the datagram's bytes (possibly empty: UDP allows empty datagrams)} */
    public byte[] data() {
        return data.clone();
    }

    /** {@return the number of bytes} */
    public int length() {
        return data.length;
    }

    /** {@return the address of the socket that sent it} */
    public SocketAddress sender() {
        return sender;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Datagram)) {
            return false;
        }
        Datagram d = (Datagram) o;
        return Arrays.equals(data, d.data) && sender.equals(d.sender);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + sender.hashCode();
    }

    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes from " + sender + "]";
    }
}
