package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.gather;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;

/**
 * {@code gather} over a list built at run time ({@code gather(*coroutines)} in Python, {@code gather(list)} here).
 *
 * <pre>
 * async def say():
 *     things_to_do = [1, 2, 3]
 *     coroutines = [say_after(x, what=f"{x}s") for x in things_to_do]
 *     print("start")
 *     r = await asyncio.gather(*coroutines)
 *     print(f"end, {r}")  # end, ['1s', '2s', '3s']
 * </pre>
 *
 * <p>Creating the coroutines runs nothing: they start only when {@code gather} wraps them in tasks, so
 * {@code start} is printed first. Output: {@code start}, {@code 1s}, {@code 2s}, {@code 3s},
 * {@code end, [1s, 2s, 3s]} (Java's list formatting); 3 seconds, the longest delay, not 6.
 */
public final class SayAfterGatherList {
    private SayAfterGatherList() {}

    @Async
    static void say() {
        int[] thingsToDo = {1, 2, 3};
        List<Coroutine<String>> coroutines = new ArrayList<>();
        for (int x : thingsToDo) {
            coroutines.add(SayAfterAsync.sayAfter(x, x + "s"));
        }
        System.out.println("start");
        List<String> r = await(gather(coroutines));
        System.out.println("end, " + r);
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(SayAfterGatherListAsync.say(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(SayAfterGatherListAsync.say());
    }
}
