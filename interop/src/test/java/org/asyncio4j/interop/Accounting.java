package org.asyncio4j.interop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every byte of a randomized batch accounted for: what each side sent against what the other got (counts and
 * CRC-32s), every echo byte-exact, every connection ended the way its scenario must end (a clean end, or, after the
 * peer's reset, a failure rather than a hang or a clean end), and no socket left open. Returns the problems found,
 * one line each, naming the connection and its lines so that the seed reproduces it.
 */
final class Accounting {
    private final Batch batch;
    private final List<String> problems = new ArrayList<>();

    private Accounting(Batch batch) {
        this.batch = batch;
    }

    /** Our server's batch: the peer was the client, so its reports hold the plan (scenario and lines). */
    static List<String> ourServer(Batch batch, List<PeerReport> reports) {
        Accounting a = new Accounting(batch);
        if (reports.size() != batch.count) {
            a.problems.add("the peer reported " + reports.size() + " of " + batch.count + " connections");
        }
        for (Throwable e : batch.unattributed) {
            a.problems.add("a connection failed before its header: " + e);
        }
        // A client that resets right after its side of the TLS handshake may reset before ours is done: our server
        // then reports "TLS handshake failed" (the reset) and never runs the handler. One such report per reset
        // connection that never reached the handler, and no other errors.
        long handshakeResets = batch.loopErrors.stream().filter(e -> e.startsWith("TLS handshake failed")).count();
        batch.loopErrors.stream().filter(e -> !e.startsWith("TLS handshake failed"))
                .forEach(e -> a.problems.add("the loop's exception handler got: " + e));
        long resetBeforeHandler = 0;
        for (PeerReport r : reports) {
            Tally t = batch.tallies.get(r.conn());
            if (t == null && r.text("scenario").equals("abort")) {
                resetBeforeHandler++;
            } else if (t == null) {
                a.problems.add("connection " + r.conn() + " never reached our handler: " + r);
            } else {
                a.check(t, r, r.text("lines"), r.number("sent"), r.number("sent_crc"), t.sent, t.sentCrc());
            }
        }
        if (resetBeforeHandler != handshakeResets) {
            a.problems.add(resetBeforeHandler + " reset connections never reached our handler, and "
                    + handshakeResets + " TLS handshakes failed: " + batch.loopErrors);
        }
        return a.problems;
    }

    /** Our client's batch: our tallies hold the plan; the peer echoed (or read) what we sent. */
    static List<String> ourClient(Batch batch, List<PeerReport> reports) {
        Accounting a = new Accounting(batch);
        Map<Integer, PeerReport> byConn = new HashMap<>();
        for (PeerReport r : reports) {
            byConn.put(r.conn(), r);
        }
        batch.loopErrors.forEach(e -> a.problems.add("the loop's exception handler got: " + e));
        for (Tally t : batch.tallies.values()) {
            PeerReport r = byConn.get(t.conn);
            if (r == null) {
                a.problems.add(t + ": the peer never reported it");
                continue;
            }
            a.check(t, r, Arrays.toString(t.lines), r.number("sent"), r.number("sent_crc"), t.sent,
                    t.sentCrc());
            if (t.mismatchAt >= 0) {
                a.problems.add(t + ": " + r);
            }
            if (t.writeFailure != null && !t.scenario.equals("abort")) {
                a.problems.add(t + ": our sending failed: " + r);
            }
        }
        return a.problems;
    }

    /** Our client's batch against a peer that only echoes and reports nothing (socat): our side's account alone. */
    static List<String> ourClientAgainstAnEcho(Batch batch) {
        Accounting a = new Accounting(batch);
        batch.loopErrors.forEach(e -> a.problems.add("the loop's exception handler got: " + e));
        if (batch.tallies.size() != batch.count) {
            a.problems.add(batch.tallies.size() + " of " + batch.count + " connections were made");
        }
        for (Tally t : batch.tallies.values()) {
            if (!"eof".equals(t.outcome) || t.received != t.sent || t.mismatchAt >= 0 || t.writeFailure != null
                    || t.contractBroken != null || t.socketOpenAfterEnd) {
                a.problems.add(t.toString());
            }
        }
        return a.problems;
    }

    /**
     * Checks one connection: {@code peerSent}/{@code peerSentCrc} are what the peer wrote after the header (our side
     * must have received exactly that, or a prefix if it reset), {@code ourSent}/{@code ourSentCrc} what our side
     * wrote (the peer must have received exactly that, or a prefix after its reset).
     */
    private void check(Tally t, PeerReport r, String lines, long peerSent, long peerSentCrc, long ourSent,
            long ourSentCrc) {
        String who = "connection " + t.conn + " (" + t.scenario + ", lines " + lines + ")";
        String peerEnd = r.text("end");
        long peerGot = r.number("got");
        boolean reset = t.scenario.equals("abort");
        if (peerEnd.equals("stall")) {
            problems.add(who + ": STALLED: the peer saw no progress for 20 s and gave up; our side was in "
                    + t.step + ": " + t + " / peer: " + r);
            return;
        }
        if (!r.flag("echo_ok")) {
            problems.add(who + ": what came back to the peer is not what it sent: " + r + " / ours: " + t);
        }
        if (reset) {
            if (!peerEnd.equals("reset-sent")) {
                problems.add(who + ": the peer did not get to reset: " + r + " / ours: " + t);
            }
            if (!(t.readFailure instanceof IOException) || !"failure".equals(t.outcome)) {
                problems.add(who + ": after the peer's reset our reader did not fail (it must not pass for a clean"
                        + " end, nor hang): " + t + " / peer: " + r);
            }
            if (t.received > peerSent || peerGot > ourSent) {
                problems.add(who + ": more bytes arrived than were sent: " + t + " / peer: " + r);
            }
        } else {
            if (!peerEnd.equals("eof") || !"eof".equals(t.outcome)) {
                problems.add(who + ": did not end cleanly on both sides: " + t + " / peer: " + r);
            }
            if (t.received != peerSent || t.receivedCrc() != peerSentCrc) {
                problems.add(who + ": we received " + t.received + " bytes (CRC " + t.receivedCrc() + ") of the "
                        + peerSent + " (CRC " + peerSentCrc + ") the peer sent: " + t + " / peer: " + r);
            }
            if (peerGot != ourSent || r.number("got_crc") != ourSentCrc) {
                problems.add(who + ": the peer received " + peerGot + " bytes of the " + ourSent + " we sent: " + t
                        + " / peer: " + r);
            }
        }
        if (t.contractBroken != null) {
            problems.add(who + ": a read broke its contract: " + t.contractBroken);
        }
        if (t.socketOpenAfterEnd) {
            problems.add(who + ": our socket was still open after the connection's code ended: " + t);
        }
    }
}
