package org.asyncio4j.interop;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * What one connection of the randomized suite did, as asyncio4j's side saw it: the bytes it received (count and
 * CRC-32, to compare with what the peer says it sent), the bytes it sent, the read it was in, and how it ended.
 *
 * <p>Not thread-safe: written on the event loop's thread, read by the test after the loop has stopped.
 */
final class Tally {
    final int conn;
    final String scenario;
    /** Line lengths of the data our client sends (negative: a last line without '\n'); empty on our server. */
    int[] lines = new int[0];
    long received;
    private final CRC32 receivedCrc = new CRC32();
    long sent;
    private final CRC32 sentCrc = new CRC32();
    /** Where the received bytes first differ from the expected echo (our client), or -1. */
    long mismatchAt = -1;
    /** The first read whose result broke the read's contract (a line with two separators, say), or null. */
    String contractBroken;
    /** The read or write under way, for a stall's report. */
    String step = "connecting";
    /** "eof" for a clean end; null while the connection is in progress. */
    String outcome;
    /** The failure of the code that reads (on our server it also echoes, so a failed echo shows here), or null. */
    Throwable readFailure;
    /** The write side's failure (our client's sending task), or null. */
    Throwable writeFailure;
    /** Whether the socket was still open after the connection's code ended (a leak). */
    boolean socketOpenAfterEnd;

    Tally(int conn, String scenario) {
        this.conn = conn;
        this.scenario = scenario;
    }

    void received(byte[] bytes) {
        received += bytes.length;
        receivedCrc.update(bytes);
    }

    void sent(byte[] bytes, int offset, int length) {
        sent += length;
        sentCrc.update(bytes, offset, length);
    }

    /** Records {@code what} as a broken contract unless {@code holds} (the first one only). */
    void require(boolean holds, String what) {
        if (!holds && contractBroken == null) {
            contractBroken = what + " (after " + received + " bytes)";
        }
    }

    long receivedCrc() {
        return receivedCrc.getValue();
    }

    long sentCrc() {
        return sentCrc.getValue();
    }

    @Override
    public String toString() {
        return "connection " + conn + " (" + scenario + (lines.length > 0 ? ", lines " + Arrays.toString(lines) : "")
                + "): received " + received + ", sent " + sent
                + (mismatchAt >= 0 ? ", echo differs at byte " + mismatchAt : "")
                + (contractBroken != null ? ", BROKEN READ: " + contractBroken : "")
                + ", " + (outcome == null ? "STILL IN " + step : "ended " + outcome)
                + (readFailure != null ? ", read failed: " + readFailure : "")
                + (writeFailure != null ? ", write failed: " + writeFailure : "")
                + (socketOpenAfterEnd ? ", SOCKET LEFT OPEN" : "");
    }
}
