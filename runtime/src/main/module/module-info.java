/**
 * asyncio4j's runtime: Python's asyncio model for Java. Users read the API packages; the processor's generated code,
 * compiled into the users' own modules, calls {@code org.asyncio4j.internal}.
 */
module org.asyncio4j {
    exports org.asyncio4j;
    exports org.asyncio4j.sync;
    exports org.asyncio4j.queues;
    exports org.asyncio4j.streams;
    exports org.asyncio4j.subprocess;
    exports org.asyncio4j.group;
    // Not API (see its package Javadoc and @InternalApi): exported only because the state machines the processor
    // generates live in the users' modules and extend or call its classes (AsyncStateMachine, Unboxing, ...).
    exports org.asyncio4j.internal;

    // Generated companions carry @javax.annotation.processing.Generated (SOURCE retention): this lets a user's
    // module compile them without naming java.compiler itself, and needs nothing at run time.
    requires static transitive java.compiler;

    // Debugging (README, "Debugging"), each optional: the runtime still needs nothing at run time. The JMX view of
    // the tasks registers itself only if java.management is there; the pstree/ps command (the jar's Main-Class, run
    // on the class path) attaches with jdk.attach; the JFR events are emitted only if jdk.jfr is there.
    requires static java.management;
    requires static jdk.attach;
    requires static jdk.jfr;
}
