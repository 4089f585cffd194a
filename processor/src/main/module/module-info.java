/**
 * The asyncio4j annotation processor: turns {@code @Async} method templates into state machines. Found by javac
 * through this module's {@code provides} on a processor module path, or through {@code META-INF/services} on a
 * processor path (the module descriptor is then ignored).
 */
module org.asyncio4j.processor {
    requires java.compiler;
    requires jdk.compiler;                      // com.sun.source.tree / util: the trees of the @Async bodies
    requires com.palantir.javapoet;             // an automatic module (Automatic-Module-Name in its manifest)
    requires static com.google.auto.service;    // @AutoService: compile time only (CLASS retention)

    provides javax.annotation.processing.Processor with org.asyncio4j.processor.AsyncProcessor;
}
