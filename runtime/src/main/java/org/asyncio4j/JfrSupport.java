package org.asyncio4j;

import java.util.Optional;

/**
 * Whether the runtime emits its JFR events ({@link JfrEvents}): the {@code jdk.jfr} module is present and readable
 * (the runtime requires it only statically), and {@code -Dasyncio4j.jfr=false} was not given. Names no
 * {@code jdk.jfr} type, so that reading {@link #ENABLED} never loads one; a {@code static final}, so that the JIT
 * folds the check away.
 *
 * <p>Thread-safe (a constant).
 */
final class JfrSupport {
    static final boolean ENABLED = enabled();

    private JfrSupport() {}

    private static boolean enabled() {
        if ("false".equals(System.getProperty("asyncio4j.jfr"))) {
            return false;
        }
        Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
        return jfr.isPresent() && JfrSupport.class.getModule().canRead(jfr.get());
    }
}
