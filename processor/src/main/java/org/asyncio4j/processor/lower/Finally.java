package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.LocalVar;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lowered {@code try} with a {@code finally} block, and the ways out of it.
 *
 * <p>Every way out of the {@code try} and {@code catch} parts runs the finally block first. The lowering turns it
 * into blocks once; each way in records in the state machine's {@code finallyExit} field where to go afterwards:
 * <pre>{@code
 * try {                               case 2: ... finally1Exit = 7; state = 5; continue dispatch;   // normal end
 *     ...                             ...     returned = value; finally1Exit = RETURN; state = 5; ...// return
 * } finally {              ===>       case 4: finally1Error = caught; finally1Exit = THROW;        // exception
 *     close();                        case 5: close();
 * }                                           switch (finally1Exit) { case THROW: throw ...; case RETURN:
 *                                                 return returned; default: state = finally1Exit; continue ...}
 * }</pre>
 * A jump that leaves several lowered finally blocks runs them innermost first: each one's end passes the same
 * exit on to the next ({@link #routes}).
 */
public final class Finally {
    /** {@code finallyExit} when the finally block was entered by an exception: rethrow it at the end. */
    public static final int THROW = -1;
    /** {@code finallyExit} when it was entered by a {@code return}: return the saved value at the end. */
    public static final int RETURN = -2;

    /** The {@code try} statement, or the async for-each loop whose cursor this closes. */
    final Tree tree;
    /** For the close of a try-with-resources resource: the resource (a declaration or an expression); else null. */
    public final TreePath resource;
    /** The resource's variable when it is declared in the statement. */
    public LocalVar resourceVar;
    /** For the close of an async for-each loop's cursor: the cursor (then {@link #resource} is null). */
    public LocalVar cursor;
    /** Whether the close is awaited: an {@code AsyncCloseable} resource, or an async loop's cursor. */
    public boolean async;
    /** Entered by an exception: saves it and falls into {@link #start}. */
    Block onThrow;
    /** The first block of the finally body. */
    public Block start;
    /** The state machine's fields for this block's way out and the exception it carries, named by the lowering. */
    public final String exitField;
    public final String errorField;
    /**
     * Where each way out continues after this finally block: the target block (null for a {@code return}) mapped
     * to the next finally block on the way, or to null when there is none.
     */
    public final Map<Block, Finally> routes = new LinkedHashMap<>();

    Finally(Tree tree, TreePath resource, String exitField, String errorField) {
        this.tree = tree;
        this.resource = resource;
        this.exitField = exitField;
        this.errorField = errorField;
    }

    /** One way out through one or more finally blocks: enter {@code first}, and end at {@code target}. */
    public static final class Exit {
        public final Finally first;
        /** Null for a {@code return}. */
        public final Block target;

        public Exit(Finally first, Block target) {
            this.first = first;
            this.target = target;
        }

        public boolean isReturn() {
            return target == null;
        }
    }
}
