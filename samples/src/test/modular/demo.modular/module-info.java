/**
 * A program that uses asyncio4j from a named module: {@code ModulePathTest} compiles it with the processor found on
 * the processor module path (through its {@code provides}) and runs it with the runtime on the module path.
 */
module demo.modular {
    requires org.asyncio4j;
}
