package org.asyncio4j.junit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;

/** {@link AsyncioTesting} outside an {@code @AsyncioTest} test. */
class AsyncioTestingTest {
    @Test
    void withoutTheExtensionThereIsNoLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, AsyncioTesting::loop);
        assertTrue(e.getMessage().startsWith("no @AsyncioTest event loop on this thread"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> AsyncioTesting.run(Asyncio.sleep(1)));
    }
}
