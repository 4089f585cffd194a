package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;

/**
 * What {@code await} really does: awaiting a coroutine runs it inside the current task; awaiting
 * {@code create_task(...)} hands it to a second task and waits for that task.
 *
 * <pre>
 * async def main():
 *     # just await
 *     # await asyncio.sleep(0.1)
 *
 *     # using create task
 *     await asyncio.create_task(
 *         asyncio.sleep(0.1)
 *     )
 * </pre>
 *
 * <p>Python's {@code main} is {@link #awaitBoth}. The note switches between the two versions with a comment;
 * the port runs both, one after the other.
 * Either way the caller waits 0.1 s; only the bookkeeping differs (one task or two). In asyncio4j the child
 * coroutine of a plain await is called like a method, without a trip through the event loop.
 */
public final class AwaitCoroutineOrTask {
    private AwaitCoroutineOrTask() {}

    @Async
    static void awaitBoth() {
        System.out.println("just await: the sleep runs inside this task");
        await(sleep(0.1));
        System.out.println("using create task: a second task runs the sleep, this one waits for it");
        await(createTask(sleep(0.1)));
        System.out.println("done");
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(AwaitCoroutineOrTaskAsync.awaitBoth(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(AwaitCoroutineOrTaskAsync.awaitBoth());
    }
}
