package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.gather;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.EventLoop;

/**
 * Three {@code mycoro} coroutines (from {@link MyCoro}) gathered: they run concurrently (1 second in all, not 3)
 * and the results come back in the order the coroutines were given.
 *
 * <pre>
 * many = asyncio.gather(
 *     mycoro(3),
 *     mycoro(4),
 *     mycoro(5)
 * )
 *
 * loop = asyncio.get_event_loop()
 * print("Running many:")
 * result = loop.run_until_complete(many)
 * print(result)
 * loop.close()
 *
 * # Running many:
 * # Starting 3
 * # Starting 5
 * # Starting 4
 * # Finishing 3
 * # Finishing 5
 * # Finishing 4
 * # ['3', '4', '5']
 * </pre>
 *
 * <p><b>Deviations:</b> Python (before 3.10) let {@code gather} find a loop before any loop ran; in asyncio4j
 * {@code gather} needs the running loop, so the port gathers inside a small coroutine, {@link #many}, and runs that.
 * And the note's interleaving {@code 3, 5, 4} came from an old asyncio that did not start tasks in creation
 * order; asyncio today, like asyncio4j, starts and wakes them in order: {@code Starting 3, 4, 5},
 * {@code Finishing 3, 4, 5}. The result is the same list: {@code [3, 4, 5]}.
 */
public final class MyCoroGather {
    private MyCoroGather() {}

    @Async
    static List<String> many() {
        return await(gather(
                MyCoroAsync.mycoro(3),
                MyCoroAsync.mycoro(4),
                MyCoroAsync.mycoro(5)));
    }

    /** Runs the sample on {@code loop} and closes it; returns the gathered results. */
    public static List<String> run(EventLoop loop) {
        try {
            System.out.println("Running many:");
            List<String> result = loop.runUntilComplete(MyCoroGatherAsync.many());
            System.out.println(result);
            return result;
        } finally {
            loop.close();
        }
    }

    public static void main(String[] args) {
        run(new EventLoop());
    }
}
