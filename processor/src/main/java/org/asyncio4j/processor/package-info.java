/**
 * The asyncio4j annotation processor: every {@code @Async} method becomes a state machine in a companion class.
 *
 * <p>{@link org.asyncio4j.processor.AsyncProcessor} is the entry javac calls: it finds the methods of a round, runs
 * {@link org.asyncio4j.processor.Pipeline} on each, reports problems and never crashes javac. The pipeline states
 * the order of the passes in one place; each stage is a package, and data flows one way:
 * <pre>
 *   scan           →  lower            →  print           →  emit
 *   (read, check)      (blocks, frame)     (copied code)      (Java source)
 * </pre>
 * <pre>{@code
 * class Greeter {                                  final class GreeterAsync {
 *     @Async String greet(String who) {               static Coroutine<String> greet(Greeter self, String who)
 *         String name = await(lookup(who));  ===>     private static final class GreetCoroutine ... {
 *         return "hi " + name;                            case 0: state = 1; suspend on lookup(who);
 *     }                                                   case 1: String name = awaitedValue(task);
 * }                                                               return "hi " + name;
 *                                                  }
 * }</pre>
 */
package org.asyncio4j.processor;
