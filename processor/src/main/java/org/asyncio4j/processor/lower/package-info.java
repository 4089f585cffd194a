/**
 * Stage 2, lower: cuts the body into blocks at its awaits and lays out the frame that keeps it between them.
 *
 * <p>{@link org.asyncio4j.processor.lower.Lowering} turns the body into {@link org.asyncio4j.processor.lower.Block}s
 * of ops (try/finally through {@link org.asyncio4j.processor.lower.Finally}, awaits inside expressions through
 * {@link org.asyncio4j.processor.lower.NestedAwaits}); {@link org.asyncio4j.processor.lower.Hoisting} decides which
 * locals live across an await and become fields, {@link org.asyncio4j.processor.lower.LocalTypes} types them, and
 * {@link org.asyncio4j.processor.lower.FrameNames} allocates every generated name. Statements without an await are
 * not taken apart: they are copied later, whole.
 * <pre>{@code
 * while (more()) {                    block 1: Branch(more(), 2, 3)
 *     String page = await(fetch());   block 2: Suspend(fetch(), resume 4)
 *     print(page);          ===>      block 4: TakeAwaited(DECLARE page); Statement(print(page)); Jump(1)
 * }                                   block 3: Statement(done())
 * done();                             fields: [] (page is not live across an await)
 * }</pre>
 */
package org.asyncio4j.processor.lower;
