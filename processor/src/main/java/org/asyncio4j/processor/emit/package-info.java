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
 */
package org.asyncio4j.processor.emit;
