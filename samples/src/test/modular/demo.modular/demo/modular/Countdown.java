package demo.modular;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.queues.Queue;
import org.asyncio4j.sync.Lock;

/** Two countdowns that share a lock and a queue: the core, sync and queues packages, used from a named module. */
public class Countdown {
    @Async
    static String count(String name, int from, Lock lock, Queue<String> log) {
        for (int i = from; i > 0; i--) {
            await(sleep(0.001));
            await(lock.acquire());
            try {
                await(log.put(name + i));
            } finally {
                lock.release();
            }
        }
        return name + " done";
    }

    @Async
    static List<String> both() {
        Lock lock = new Lock();
        Queue<String> log = new Queue<>();
        List<String> results = new ArrayList<>(await(gather(
                CountdownAsync.count("a", 3, lock, log), CountdownAsync.count("b", 2, lock, log))));
        results.add(log.qsize() + " steps");
        return results;
    }

    public static void main(String[] args) {
        System.out.println(Asyncio.run(CountdownAsync.both()));
        System.out.println(Countdown.class.getModule().getName() + " uses " + Asyncio.class.getModule().getName());
    }
}
