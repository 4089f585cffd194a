package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;

/**
 * The program {@link BreakpointsTest} debugs: coroutines whose lines it stops at. The test finds its lines by the
 * {@code // line:NAME} comments, so the code may move.
 */
public final class BreakpointTarget {
    private BreakpointTarget() {}

    @Async
    static int total(String label, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            await(sleep(0.001));
            int price = (i + 1) * 10; // line:loop
            sum += price; // line:loopNext
        }
        System.out.println(label + ": " + sum);
        return sum;
    }

    @Async
    static String checkout(String customer) {
        int cart = await(BreakpointTargetAsync.total("cart", 3));
        String receipt = customer + " pays " + cart; // line:afterAwait
        int tip = await(BreakpointTargetAsync.tip(cart)); // line:fastAwait
        return receipt + " + " + tip; // line:afterFastAwait
    }

    /** Finishes without suspending: awaiting it goes on in the same state machine call. */
    @Async
    @SuppressWarnings("AsyncWithoutAwait") // on purpose: an await that needs no suspension
    static int tip(int amount) {
        return amount / 10;
    }

    @Async
    static int failing(int limit) {
        await(sleep(0.001));
        if (limit < 100) {
            throw new IllegalArgumentException("limit too low: " + limit); // line:throw
        }
        return limit;
    }

    public static void main(String[] args) {
        System.out.println(Asyncio.run(BreakpointTargetAsync.checkout("ada")));
    }
}
