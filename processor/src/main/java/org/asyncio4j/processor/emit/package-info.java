/**
 * Stage 4, emit: writes the state machine, its entry points and the companion class.
 *
 * <p>{@link org.asyncio4j.processor.emit.MethodPlan} gathers what the earlier stages produced for one method (its
 * {@link org.asyncio4j.processor.emit.Signature}, the lowered blocks, the frame's names, the printer);
 * {@link org.asyncio4j.processor.emit.StateMachineWriter} writes the class, one {@code case} per block;
 * {@link org.asyncio4j.processor.emit.CompanionWriter} writes the companion {@code <Class>Async} around all of a
 * class's state machines. Method bodies are built as pre-formatted {@link org.asyncio4j.processor.emit.Code}.
 * <pre>{@code
 * block 2: Suspend(fetch(), resume 4)   ===>   case 2: {
 *                                                  state = 4;
 *                                                  if (suspendOn(frame, task, fetch())) {
 *                                                      frame = saveFrame(frame, task, url, state);
 *                                                      if (frame.suspendOnKept()) return frame.suspended();
 *                                                  }
 *                                              }
 * }</pre>
 *
 * <p><b>State machines too large for one method.</b> The JVM takes at most 65,535 bytes of bytecode in a method, and
 * HotSpot does not JIT-compile one above 8,000 bytes; a state machine's {@code stepBody} is a few times its
 * template's. When {@link org.asyncio4j.processor.emit.StepParts} estimates {@code stepBody} above 7,000 bytes ({@link
 * org.asyncio4j.processor.emit.SplitLimits#DEFAULT}; from the tree nodes and ops of each state: the processor cannot
 * measure bytecode before javac runs), {@link
 * org.asyncio4j.processor.emit.SplitStepWriter} writes its consecutive states in parts of about 4,000 bytes, each a
 * static method with its own dispatch loop, and {@code stepBody} becomes a dispatcher. The states' code is the same;
 * locals that cross states live in the frame's fields, which each part loads (those it uses) and saves where it
 * leaves; a jump to another part's state goes through the part's {@code default} back to the dispatcher:
 * <pre>{@code
 * static Object stepBody(MCoroutine frame, Task<?> task, int n) {    // a 1,300-line method: 16 parts
 *     if (frame == null) {                           // a split state machine always has its frame
 *         frame = new MCoroutine(n);
 *         frame.startInline(task);
 *     }
 *     for (;;) {
 *         int state = frame.state;
 *         Object outcome;
 *         if (state < 0 || state >= 812) {
 *             throw invalidState(state, MCoroutine.class);
 *         } else if (state < 52) {
 *             outcome = stepPart1(frame, task, n);
 *         } else if ...
 *         if (outcome != NEXT_PART) {
 *             return outcome;                        // the result, or SUSPENDED
 *         }
 *     }
 * }
 *
 * static Object stepPart2(MCoroutine frame, Task<?> task, int n) {
 *     int state = frame.state;                       // the frame's locals that this part names
 *     int v3 = frame.v3;
 *     Throwable caught = frame.caught;
 *     boolean leave = false;
 *     dispatch:
 *     for (;;) {
 *         try {
 *             suspend: {
 *                 switch (state) {
 *                     case 52: { ... state = 53; if (suspendOn(frame, task, later(v3))) break suspend; }
 *                     ...
 *                     case 97: { ... state = 12; continue dispatch; }     // a loop back into part 1
 *                     default:                       // another part's state, or the last one fell through
 *                         if (state >= 52 && state < 98) {
 *                             state = 98;
 *                         }
 *                         leave = true;
 *                         break suspend;
 *                 }
 *             }
 *             frame.state = state;                   // one place saves this part's locals into the frame
 *             frame.v3 = v3;
 *             frame.caught = caught;
 *             if (leave) return NEXT_PART;
 *             if (frame.suspendOnKept()) return frame.suspended();
 *         } catch (Throwable thrown) {               // the handler of the state that threw, maybe in another part
 *             switch (state) { case 60: case 61: state = 58; break; default: throw thrown; }
 *             caught = thrown;
 *         }
 *     }
 * }
 * }</pre>
 */
package org.asyncio4j.processor.emit;
