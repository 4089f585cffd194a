package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.LocalVar;

import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One basic block of a lowered {@code @Async} body: a {@code case} of the generated {@code switch}.
 *
 * <p>A block runs from where the coroutine (re)enters to the next {@code await} or jump. Blocks are numbered in the
 * order the lowering starts them, which is also the order they are written in, so a block that ends in an
 * {@code await} is always followed by the block that resumes after it (the fast path falls through).
 */
public final class Block {
    /** The state number: assigned when the lowering starts the block, so states count up in writing order. */
    public int id = -1;
    /** The user's source line this block starts at, for the {@code // File.java:line} comment. */
    public final long line;
    /**
     * Where an exception thrown while this block runs goes: the block that dispatches to the enclosing lowered
     * {@code try}'s catch clauses or finally; null when it leaves the method. Fixed when the block is made.
     */
    public final Block handler;
    private final List<Op> ops = new ArrayList<>();

    Block(long line, Block handler) {
        this.line = line;
        this.handler = handler;
    }

    void add(Op op) {
        ops.add(op);
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** Whether control can leave the end of this block's code into the next case (no terminator yet). */
    boolean isOpen(Completion.Variability names) {
        if (ops.isEmpty()) {
            return true;
        }
        Op last = ops.get(ops.size() - 1);
        if (last instanceof Op.Statement) {
            return Completion.of(((Op.Statement) last).path.getLeaf(), names) != Completion.ABRUPT;
        }
        if (last instanceof Op.TakeAwaited) {
            Op.TakeAwaited.Into into = ((Op.TakeAwaited) last).into;
            return into != Op.TakeAwaited.Into.RETURN && into != Op.TakeAwaited.Into.THROW;
        }
        if (last instanceof Op.Evaluate) {
            return !((Op.Evaluate) last).returned;
        }
        return !(last instanceof Op.Terminator);
    }

    @Override
    public String toString() {
        return "Block " + id + " " + ops;
    }

    /** What a block does, step by step. {@link Terminator}s end a block. */
    public interface Op {
        /** Ends a block: control does not continue to the next op. */
        interface Terminator extends Op {}

        /** A statement without {@code await}, copied with names rewritten. */
        final class Statement implements Op {
            public final TreePath path;

            Statement(TreePath path) {
                this.path = path;
            }
        }

        /**
         * An expression evaluated for its effect ({@code for} update clauses), or returned (an async lambda's
         * expression body).
         */
        final class Evaluate implements Op {
            public final TreePath expression;
            public final boolean returned;

            Evaluate(TreePath expression) {
                this(expression, false);
            }

            Evaluate(TreePath expression, boolean returned) {
                this.expression = expression;
                this.returned = returned;
            }
        }

        /** A local's declaration, with its initializer (null: none). */
        final class Declare implements Op {
            public final LocalVar var;
            public final TreePath initializer;

            Declare(LocalVar var, TreePath initializer) {
                this.var = var;
                this.initializer = initializer;
            }
        }

        /**
         * Where the outcome of the preceding await goes: nowhere, a local, an assignable expression, the result, or
         * thrown. A {@code return} inside lowered {@code try}s with {@code finally} goes through them ({@code exit}).
         */
        final class TakeAwaited implements Op {
            public enum Into { DISCARD, DECLARE, ASSIGN, RETURN, THROW }

            public final Into into;
            public final LocalVar var;
            public final TreePath target;
            /** For RETURN: the finally blocks it leaves through (null or empty: returns at once). */
            public final Finally.Exit exit;

            TakeAwaited(Into into, LocalVar var, TreePath target) {
                this(into, var, target, null);
            }

            TakeAwaited(Into into, LocalVar var, TreePath target, Finally.Exit exit) {
                this.into = into;
                this.var = var;
                this.target = target;
                this.exit = exit;
            }
        }

        /** {@code savedN = awaitedValue(task);}: keeps an await's result while a later await of the expression runs. */
        final class SaveAwaited implements Op {
            public final int slot;

            SaveAwaited(int slot) {
                this.slot = slot;
            }
        }

        /** {@code savedN = value;} — the boolean result of a lowered {@code &&}/{@code ||} (a constant or an expression). */
        final class SaveValue implements Op {
            public final int slot;
            public final TreePath expression;
            public final Boolean constant;

            SaveValue(int slot, TreePath expression, Boolean constant) {
                this.slot = slot;
                this.expression = expression;
                this.constant = constant;
            }
        }

        /** {@code if (caught instanceof A || caught instanceof B) goto body;} — one catch clause of a lowered try. */
        final class CatchTest implements Op {
            public final List<TreePath> types;
            public final Block body;

            CatchTest(List<TreePath> types, Block body) {
                this.types = types;
                this.body = body;
            }
        }

        /** No catch clause matched: throw the caught exception on, to the enclosing handler. */
        final class Rethrow implements Terminator {}

        /** {@code e = (E) caught; caught = null;} — the parameter of the catch clause this block starts. */
        final class BindCatch implements Op {
            public final LocalVar var;

            BindCatch(LocalVar var) {
                this.var = var;
            }
        }

        /** Runs a finally block on the way to {@code exit.target}: {@code finallyExit = key; goto finally;}. */
        final class EnterFinally implements Terminator {
            public final Finally.Exit exit;

            EnterFinally(Finally.Exit exit) {
                this.exit = exit;
            }
        }

        /** The finally block is entered by an exception: {@code finallyError = caught; finallyExit = THROW;}. */
        final class CaptureError implements Op {
            public final Finally owner;

            CaptureError(Finally owner) {
                this.owner = owner;
            }
        }

        /**
         * Closes a try-with-resources resource on every way out: {@code if (r != null) r.close();}, adding a close
         * failure as suppressed to the exception that is leaving, if one is (JLS 14.20.3.1).
         */
        final class CloseResource implements Op {
            public final Finally owner;

            CloseResource(Finally owner) {
                this.owner = owner;
            }
        }

        /**
         * Closes an async resource or an async loop's cursor on every way out, by awaiting
         * {@code AsyncSupport.closing(r, exit == THROW ? error : null)} ({@code closeAsync()}, or
         * {@code closeAsync(failure)} whose outcome decides what propagates); then falls into {@code resume}.
         */
        final class CloseAsync implements Terminator {
            public final Finally owner;
            public final Block resume;

            CloseAsync(Finally owner, Block resume) {
                this.owner = owner;
                this.resume = resume;
            }
        }

        /**
         * {@code state = resume; suspend on cursor.hasNextAsync()}: the test of an async for-each loop; the resumed
         * block branches on the awaited boolean.
         */
        final class HasNextAsync implements Terminator {
            public final LocalVar cursor;
            public final Block resume;

            HasNextAsync(LocalVar cursor, Block resume) {
                this.cursor = cursor;
                this.resume = resume;
            }
        }

        /** The resource or cursor a close op closes ({@link CloseResource}, {@link CloseAsync}), else null. */
        static Finally closed(Op op) {
            if (op instanceof CloseResource) {
                return ((CloseResource) op).owner;
            }
            return op instanceof CloseAsync ? ((CloseAsync) op).owner : null;
        }

        /** The end of a finally block: continue as its entry asked (jump, return, rethrow), maybe via outer ones. */
        final class EndFinally implements Terminator {
            public final Finally owner;

            EndFinally(Finally owner) {
                this.owner = owner;
            }
        }

        /** {@code switch (selector) { case 1: goto b1; ... default: goto d; }} — a lowered switch statement. */
        final class SwitchDispatch implements Terminator {
            public final TreePath selector;
            /** Per case clause: its label expressions (empty for {@code default}) and the block it starts. */
            public final List<List<TreePath>> labels;
            public final List<Block> targets;
            public final Block otherwise;

            SwitchDispatch(TreePath selector, List<List<TreePath>> labels, List<Block> targets, Block otherwise) {
                this.selector = selector;
                this.labels = labels;
                this.targets = targets;
                this.otherwise = otherwise;
            }
        }

        /**
         * {@code state = resume; if (suspendOn(frame, task, awaited)) {save the frame; suspend}}, then falls into
         * {@code resume}.
         */
        final class Suspend implements Terminator {
            public final TreePath awaited;
            public final Block resume;

            Suspend(TreePath awaited, Block resume) {
                this.awaited = awaited;
                this.resume = resume;
            }
        }

        /** Continue at {@code target}. */
        final class Jump implements Terminator {
            public final Block target;

            Jump(Block target) {
                this.target = target;
            }
        }

        /** Continue at {@code ifTrue} or {@code ifFalse}; a null condition means the awaited boolean. */
        final class Branch implements Terminator {
            public final TreePath condition;
            public final Block ifTrue;
            public final Block ifFalse;

            Branch(TreePath condition, Block ifTrue, Block ifFalse) {
                this.condition = condition;
                this.ifTrue = ifTrue;
                this.ifFalse = ifFalse;
            }
        }

        /** {@code cursor = ForEachSupport.iterate(expression);} */
        final class IterateStart implements Op {
            public final LocalVar cursor;
            public final TreePath expression;

            IterateStart(LocalVar cursor, TreePath expression) {
                this.cursor = cursor;
                this.expression = expression;
            }
        }

        /** Continue at {@code body} if the cursor has a next element, else at {@code exit}. */
        final class IterateTest implements Terminator {
            public final LocalVar cursor;
            public final Block body;
            public final Block exit;

            IterateTest(LocalVar cursor, Block body, Block exit) {
                this.cursor = cursor;
                this.body = body;
                this.exit = exit;
            }
        }

        /** {@code var = ForEachSupport.next(cursor);} */
        final class IterateNext implements Op {
            public final LocalVar var;
            public final LocalVar cursor;

            IterateNext(LocalVar var, LocalVar cursor) {
                this.var = var;
                this.cursor = cursor;
            }
        }

        /** {@code if (assertions are enabled for the class) goto check; else goto skip;} */
        final class AssertionsEnabled implements Terminator {
            public final Block check;
            public final Block skip;

            AssertionsEnabled(Block check, Block skip) {
                this.check = check;
                this.skip = skip;
            }
        }

        /** {@code if (!(condition)) throw new AssertionError(detail);} */
        final class AssertCheck implements Op {
            public final TreePath condition;
            public final TreePath detail;

            AssertCheck(TreePath condition, TreePath detail) {
                this.condition = condition;
                this.detail = detail;
            }
        }

        /** {@code throw new AssertionError(detail);} — an assertion failed whose message awaited. */
        final class AssertFail implements Terminator {
            public final TreePath detail;

            AssertFail(TreePath detail) {
                this.detail = detail;
            }
        }

        /** A switch expression without {@code default} matched nothing (a new enum constant): as javac's code. */
        final class NoMatch implements Terminator {}

        /** The end of a {@code void} body: {@code return null;}. */
        final class ReturnVoid implements Terminator {}
    }
}
