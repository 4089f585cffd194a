package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.TaskGroup;

/**
 * The task-tree demo (README, "Debugging"): {@code serve} gathers two tasks; {@code order-1} packs in a
 * {@link TaskGroup} of two deliveries. Everything then sleeps for an hour, long enough to look at the tree with
 * {@code java -jar asyncio4j-runtime.jar pstree PID}.
 *
 * <pre>
 * async def deliver(item, seconds):
 *     await asyncio.sleep(seconds)
 *
 * async def pack(order):
 *     async with asyncio.TaskGroup() as tg:
 *         tg.create_task(deliver(order + "-box", 3600), name=order + "-box")
 *         tg.create_task(deliver(order + "-label", 3600), name=order + "-label")
 *
 * async def serve():
 *     await asyncio.gather(asyncio.create_task(pack("order-1"), name="order-1"),
 *                          asyncio.create_task(deliver("letter", 3600), name="letter"))
 * </pre>
 */
public final class Warehouse {
    private Warehouse() {}

    @Async
    static void deliver(String item, double seconds) {
        await(sleep(seconds));      // @line deliver-sleep
    }

    @Async
    static void pack(String order) {
        TaskGroup tg = new TaskGroup().enter();
        tg.createTask(WarehouseAsync.deliver(order + "-box", 3600), order + "-box");
        tg.createTask(WarehouseAsync.deliver(order + "-label", 3600), order + "-label");
        await(tg.join());           // @line pack-join
    }

    @Async
    static void serve() {
        await(Asyncio.gather(Asyncio.createTask(WarehouseAsync.pack("order-1"), "order-1"),    // @line serve-gather
                Asyncio.createTask(WarehouseAsync.deliver("letter", 3600), "letter")));
    }

    /** Starts {@code serve} on {@code loop}; at loop time 1, runs {@code atOne} (then the tasks are all waiting). */
    public static void start(EventLoop loop, Runnable atOne) {
        loop.createTask(WarehouseAsync.serve());
        loop.callLater(1, atOne);
    }

    /** Serves for an hour; prints {@code ready} once every task waits (the tree test attaches then). */
    public static void main(String[] args) {
        EventLoop loop = new EventLoop();
        start(loop, () -> System.out.println("ready"));
        loop.runForever();
    }
}
