package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.async;
import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.TaskGroup;

/**
 * A task group whose body, and one of whose tasks, are async lambdas, then {@code gather} over a coroutine per word
 * made by a one-parameter async lambda: the tutorial's {@code TaskGroup} example without a named {@code async def}
 * for each piece.
 *
 * <pre>
 * async def main():
 *     async with asyncio.TaskGroup() as tg:
 *         task1 = tg.create_task(say_after(1, 'hello'))
 *         async def world():
 *             await asyncio.sleep(2)
 *             print('world')
 *             return 'world'
 *         task2 = tg.create_task(world())
 *         print("started")
 *     print(f"both done: {task1.result()} {task2.result()}")
 *     sizes = await asyncio.gather(*(say_length(w) for w in ['a', 'bbb', 'cc']))
 *     print(f"sizes {sizes}")
 * </pre>
 *
 * <p>Output: {@code started}, {@code hello}, {@code world}, {@code both done: hello world}, then {@code a},
 * {@code cc}, {@code bbb} (each word after as many seconds as it has letters), {@code sizes [1, 3, 2]}; 2 s for the
 * group, then 3 s for the longest word.
 */
public final class SayAfterTaskGroup {
    private SayAfterTaskGroup() {}

    @Async
    static void say() {
        String both = await(TaskGroup.run(async(tg -> {           // a Function<TaskGroup, Coroutine<String>>
            Task<String> hello = tg.createTask(SayAfterAsync.sayAfter(1, "hello"));
            Task<String> world = tg.createTask(async(() -> {      // a Coroutine<String>
                await(sleep(2));
                System.out.println("world");
                return "world";
            }));
            System.out.println("started");
            return await(hello) + " " + await(world);
        })));
        System.out.println("both done: " + both);
        List<Coroutine<Integer>> sizes = List.of("a", "bbb", "cc").stream()
                .map(async(word -> await(SayAfterAsync.sayAfter(word.length(), word)).length()))
                .toList();
        System.out.println("sizes " + await(gather(sizes)));
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(SayAfterTaskGroupAsync.say(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(SayAfterTaskGroupAsync.say());
    }
}
