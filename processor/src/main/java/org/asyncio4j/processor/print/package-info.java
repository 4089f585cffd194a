/**
 * Stage 3, print: writes the template's statements as Java text that compiles inside the state machine.
 *
 * <p>{@link org.asyncio4j.processor.print.SourcePrinter} prints a tree and hands every name the printed code does not
 * declare to a {@link org.asyncio4j.processor.print.NameRewriter}:
 * {@link org.asyncio4j.processor.print.MemberResolver} qualifies the template's members ({@code self.x},
 * {@code Owner.f()}, and through {@link org.asyncio4j.processor.print.PrivateMembers} private members, which the
 * companion cannot name); {@link org.asyncio4j.processor.print.AwaitReads} prints the reads of awaited and saved
 * values.
 * <pre>{@code
 * count += step(greeting);   ===>   self.count += Greeter.step((String) Private.GREETING.get(self));
 * }</pre>
 */
package org.asyncio4j.processor.print;
