package org.asyncio4j.internal;

/**
 * The JMX view of the running event loops' tasks, registered as {@code org.asyncio4j:type=Tasks} in the platform
 * MBean server when the first loop starts running (unless {@code -Dasyncio4j.jmx=false}, or the {@code
 * java.management} module is absent). {@code java -jar asyncio4j-runtime.jar pstree PID} attaches to a JVM and
 * calls it. asyncio counterpart: the data behind {@code python -m asyncio ps PID} and {@code pstree PID}.
 *
 * <p>Thread-safe: each call takes the snapshot on each loop's own thread (or, if a loop does not answer within a
 * second because it is blocked, reads it from the calling thread, best effort).
 *
 * <p>Not API beyond these two operations: public only because JMX requires a public MBean interface.
 */
@InternalApi
public interface AsyncioTasksMBean {
    /**
     * Returns every running loop's task tree, as {@code pstree} prints it.
     *
     * @return the text of the trees, one per loop
     */
    String pstree();

    /**
     * Returns every running loop's tasks as a table, as {@code ps} prints it.
     *
     * @return the text of the tables, one per loop
     */
    String ps();
}
