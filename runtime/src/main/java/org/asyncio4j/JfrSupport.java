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

    /**
     * Whether to emit events now: {@link #ENABLED}, and this JVM's flight recorder exists, which a recording
     * creates ({@code -XX:StartFlightRecording}, {@code jcmd PID JFR.start}, {@code new Recording()}). Until
     * then the runtime does not touch its event classes at all: loading them (and asking {@code isEnabled()} on
     * each new task) made W2's ping-pong ~25% slower per hop with no recording (benchmarks/results/speed-14).
     * One volatile read per task.
     */
    static boolean recording() {
        return ENABLED && Recorder.initialized();
    }

    /** Holds the one reference to a {@code jdk.jfr} type, loaded only when {@link #ENABLED} is true. */
    private static final class Recorder {
        static boolean initialized() {
            return jdk.jfr.FlightRecorder.isInitialized();
        }
    }

    private static boolean enabled() {
        if ("false".equals(System.getProperty("asyncio4j.jfr"))) {
            return false;
        }
        Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
        return jfr.isPresent() && JfrSupport.class.getModule().canRead(jfr.get());
    }
}
