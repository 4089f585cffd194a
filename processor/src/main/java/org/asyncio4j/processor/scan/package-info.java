/**
 * Stage 1, scan: finds what there is to transform and checks it, before anything is generated.
 *
 * <p>{@link org.asyncio4j.processor.scan.MethodChecks} checks an {@code @Async} method's declaration;
 * {@link org.asyncio4j.processor.scan.BodyScan} reads its body (every name resolved to a
 * {@link org.asyncio4j.processor.scan.LocalVar}, every {@code await} found, awaits where they cannot be rejected);
 * {@link org.asyncio4j.processor.scan.OutsideAsyncScan} finds awaits outside {@code @Async} methods;
 * {@link org.asyncio4j.processor.scan.AsyncStatements} marks {@code async with}/{@code async for} statements, and
 * {@link org.asyncio4j.processor.scan.AsyncStatementCheck} checks them after attribution. Checks return
 * their problems as values; {@link org.asyncio4j.processor.scan.Messages} is the catalogue of every diagnostic.
 * Also here: what the later stages share about the source ({@link org.asyncio4j.processor.scan.RuntimeNames},
 * {@link org.asyncio4j.processor.scan.Companions}, {@link org.asyncio4j.processor.scan.NameKinds}).
 * <pre>{@code
 * @Async void run() {                         BodyScan: locals [xs (line 2)], awaits: yes,
 *     List<String> xs = await(load());  ===>    problems: ["[AsyncAwaitInLambda] await() cannot be used inside
 *     xs.forEach(x -> await(save(x)));          a lambda; move the await out of the lambda ..." at await(save(x))]
 * }
 * }</pre>
 */
package org.asyncio4j.processor.scan;
