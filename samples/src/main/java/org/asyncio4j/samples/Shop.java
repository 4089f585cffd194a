package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import java.util.List;
import java.util.Map;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * The debugging demo (README, "Debugging"): {@code checkout} awaits {@code total}, which awaits {@code price}, which
 * fails three awaits deep for an unknown item. The exception's stack trace names these methods at their lines of
 * this file, and carries the await chain up to the task that awaited {@code checkout}'s task.
 *
 * <pre>
 * async def price(item, slow):
 *     if slow:
 *         await asyncio.sleep(0.01)
 *     return lookup(item)
 *
 * async def total(items, slow):
 *     return sum([await price(item, slow) for item in items])
 *
 * async def checkout(items, slow):
 *     return await total(items, slow)
 *
 * async def shop(items, slow):
 *     order = asyncio.create_task(checkout(items, slow), name="checkout")
 *     return await order
 * </pre>
 *
 * <p>With {@code slow}, {@code price} suspends first and fails when the loop resumes it (its callers are not on
 * the Java stack then: the trace's chain names them); without, the whole chain runs as frame-less calls in one step.
 */
public final class Shop {
    private static final Map<String, Integer> PRICES = Map.of("apple", 3, "pear", 4);

    private Shop() {}

    @Async
    static int price(String item, boolean slow) {
        if (slow) {
            await(sleep(0.01));     // @line price-sleep
        }
        return lookup(item);        // @line price-lookup
    }

    static int lookup(String item) {
        Integer p = PRICES.get(item);
        if (p == null) {
            throw new IllegalArgumentException("no such item: " + item);       // @line lookup-throw
        }
        return p;
    }

    @Async
    static int total(List<String> items, boolean slow) {
        int sum = 0;
        for (String item : items) {
            sum += await(ShopAsync.price(item, slow));      // @line total-await
        }
        return sum;
    }

    @Async
    static int checkout(List<String> items, boolean slow) {
        return await(ShopAsync.total(items, slow));         // @line checkout-await
    }

    @Async
    static int shop(List<String> items, boolean slow) {
        Task<Integer> order = Asyncio.createTask(ShopAsync.checkout(items, slow), "checkout");
        return await(order);        // @line shop-await
    }

    /** A nested owner: its companion is {@code Shop_TillAsync}; traces name {@code Shop$Till}. */
    static final class Till {
        private Till() {}

        @Async
        @SuppressWarnings("AsyncWithoutAwait")      // a coroutine on purpose: the trace test's nested owner
        static int open(String item) {
            return lookup(item);        // @line till-open
        }
    }

    /** Runs {@link #shop} on {@code loop} (closed afterwards) and returns the bill. */
    public static int run(EventLoop loop, List<String> items, boolean slow) {
        try {
            return loop.runUntilComplete(ShopAsync.shop(items, slow));       // @line run
        } finally {
            loop.close();
        }
    }

    public static void main(String[] args) {
        System.out.println(run(new EventLoop(), List.of(args.length == 0 ? "unicorn" : args[0]), true));
    }
}
