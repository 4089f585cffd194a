package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Future;
import org.asyncio4j.group.CrossLoop;
import org.asyncio4j.group.GroupServer;
import org.asyncio4j.group.LoopGroup;

/**
 * {@link EchoServer}'s handler on every core: a {@link LoopGroup} of loops serves one port, each connection on one
 * loop for its whole life, and the main coroutine asks every loop a question with {@link CrossLoop}.
 *
 * <p>asyncio has no such thing (its users run one process per core); the Netty equivalent is a
 * {@code ServerBootstrap} on an {@code EventLoopGroup}. Run it with
 * {@code java ... org.asyncio4j.samples.GroupEchoServer [port]} (default 8888), then {@link EchoClient}.
 */
public final class GroupEchoServer {
    private GroupEchoServer() {}

    /** Which loop of {@code group} runs this coroutine (a coroutine so that it can be sent to a loop). */
    @Async
    @SuppressWarnings("AsyncWithoutAwait")
    static String whereAmI(LoopGroup group) {
        return "loop " + group.currentIndex() + " of " + group.size();
    }

    /** Serves on {@code port} until the process ends. */
    @Async
    static void serve(LoopGroup group, int port) {
        GroupServer server = await(group.startServer(EchoServerAsync::handle, EchoServer.HOST, port));
        System.out.println("Serving on " + EchoServer.HOST + ":" + server.port() + " with " + group.size()
                + " loops (" + server.mode() + ")");
        await(Asyncio.getRunningLoop().<Void>createFuture());      // never completes: serve until killed
    }

    /**
     * Starts a group server on a port the OS chooses, runs {@link EchoClient#talk} against it, asks every loop where
     * it is (a coroutine on each, gathered here), closes the server, and returns the echoes then the answers.
     */
    @Async
    static List<String> serveOnce(LoopGroup group, List<String> lines) {
        GroupServer server = await(group.startServer(EchoServerAsync::handle, EchoServer.HOST, 0));
        List<String> result = new ArrayList<>(await(EchoClientAsync.talk(EchoServer.HOST, server.port(), lines)));
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            answers.add(CrossLoop.call(group.loop(i), GroupEchoServerAsync.whereAmI(group)));
        }
        result.addAll(await(CrossLoop.gather(answers)));
        await(server.close());
        await(server.waitClosed());
        return result;
    }

    /** Runs {@link #serveOnce} on a group of {@code loops} loops, then shuts the group down. */
    public static List<String> run(int loops, List<String> lines) {
        return LoopGroup.run(loops, group -> GroupEchoServerAsync.serveOnce(group, lines));
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        LoopGroup.run(Runtime.getRuntime().availableProcessors(), group -> GroupEchoServerAsync.serve(group, port));
    }
}
