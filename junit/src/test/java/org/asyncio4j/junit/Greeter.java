package org.asyncio4j.junit;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Task;

/** The README's example class, as code under test for {@link AsyncioTestUsageTest}. */
final class Greeter {
    final String greeting;

    Greeter(String greeting) {
        this.greeting = greeting;
    }

    @Async
    String greet(String name, double delaySeconds) {
        await(sleep(delaySeconds));
        return greeting + ", " + name;
    }

    @Async
    static List<String> greetBoth(Greeter g) {
        Task<String> a = createTask(GreeterAsync.greet(g, "Ada", 0.2));
        Task<String> b = createTask(GreeterAsync.greet(g, "Bob", 0.1));
        return await(gather(a, b));
    }
}
