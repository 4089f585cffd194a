package org.asyncio4j.processor.print;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;

/**
 * How {@link SourcePrinter} writes the names that the printed code does not declare itself.
 *
 * <p>The printer calls exactly one method for every such name, left to right in output order, and prints the returned
 * text in its place. Names declared inside the printed code (locals, parameters of lambdas, pattern bindings,
 * members and type parameters of local and anonymous classes, local class names) are printed as written and never
 * reach the hook; neither do labels, annotation element names ({@code @A(value = 1)}), the member name after a dot,
 * nor the class name in {@code outer.new Inner()}.
 *
 * <p>Every path is a real path from the compilation unit: ancestors that lie inside the printed code (an enclosing
 * anonymous class, lambda or {@code case}) can be inspected. A replacement must keep precedence: a name, or a
 * member select such as {@code self.x} or {@code Owner.x}, never an operator expression.
 */
public interface NameRewriter {

    /**
     * A simple name in an expression position: a variable, {@code this} or {@code super} (javac models those as
     * {@link IdentifierTree}), or the first name of a qualified name ({@code a} in {@code a.b.c}, which may be a
     * variable, a type or a package), including the qualifier of a method reference ({@code String::valueOf}).
     * A name in a {@code case} label also comes here (the parent of the leaf is then a {@code CaseTree}): in a
     * switch on an enum it is a constant name that must stay unqualified.
     *
     * @param path leaf is the {@link IdentifierTree}
     * @return the text to print instead
     */
    String expressionName(TreePath path);

    /**
     * The name of an unqualified method invocation {@code foo(...)}, or of an explicit constructor call
     * {@code this(...)}/{@code super(...)} that is not inside a class declared in the printed code.
     *
     * @param path leaf is the {@link IdentifierTree}; its parent is the {@code MethodInvocationTree}
     * @return the text before the argument list, for example {@code "self.foo"}, {@code "Greeter.foo"} or
     *     {@code "foo"}
     */
    String methodName(TreePath path);

    /**
     * A simple name in a type position: the type of a variable, field, parameter or method; casts;
     * {@code new X(..)}; {@code instanceof}; type arguments and bounds; array element types; {@code X.class};
     * {@code extends}/{@code implements}; {@code throws}; catch parameter types; constructor references
     * ({@code X::new}); annotation names. For a qualified type name ({@code Map.Entry}, {@code java.util.List})
     * only the first name comes here; it may be a type or a package.
     *
     * @param path leaf is the {@link IdentifierTree}
     * @return the text to print instead
     */
    String typeName(TreePath path);

    /**
     * A qualified {@code C.this} or {@code C.super} whose {@code C} is not a class declared in the printed code.
     *
     * @param path leaf is the {@link MemberSelectTree}
     * @return the text to print instead of the whole select
     */
    String qualifiedThis(TreePath path);

    /**
     * A {@code break}, {@code continue}, {@code return} or {@code yield} statement (also inside lambdas and classes declared in the
     * printed code; the rewriter decides). Return the statement text to print instead, or null to print it as
     * written. The state-machine writer uses this for jumps that leave a copied statement.
     *
     * @param path leaf is the {@code BreakTree}, {@code ContinueTree}, {@code ReturnTree} or {@code YieldTree}
     * @param printer a printer with this rewriter, for the parts of the statement (a returned value)
     */
    default String jump(TreePath path, SourcePrinter printer) {
        return null;
    }

    /**
     * Any tree the printer is about to print (statements, expressions, their children): return true after printing
     * it yourself through {@code out}, or false to let the printer print it. {@link MemberResolver} uses this for
     * private members, whose generated form is not a name ({@code (int) COUNT.get(self)}). Names inside a tree
     * printed this way reach the other hooks only through {@link Output#print}.
     */
    default boolean expression(TreePath path, Output out) {
        return false;
    }

    /**
     * Whether the pattern variable {@code binding} lives beyond its pattern, in a variable of the generated code
     * (its scope crosses an await). The printer then does not declare it: its uses reach {@link #expressionName},
     * and its pattern {@code o instanceof T v} is printed as {@code (o instanceof T m && k)}, with {@code m}
     * from {@link #matchName} and {@code k} from {@link #keptBinding}.
     */
    default boolean keepsBinding(com.sun.source.tree.VariableTree binding) {
        return false;
    }

    /** A fresh name for the pattern of a {@link #keepsBinding kept} pattern variable to declare. */
    default String matchName(TreePath binding) {
        throw new UnsupportedOperationException("no kept bindings");
    }

    /**
     * A {@code true} expression that assigns {@code match}, the variable the printed pattern declared, to the
     * variable that keeps the {@link #keepsBinding kept} pattern variable {@code binding}.
     */
    default String keptBinding(TreePath binding, String match) {
        throw new UnsupportedOperationException("no kept bindings");
    }

    /** The printer, as seen by {@link #expression}. */
    interface Output {
        /** Prints the tree at {@code path} (a descendant of the hooked tree), with every hook. */
        void print(TreePath path);

        void write(CharSequence text);

        /** Whether the printed code declares a variable of that name in scope here (a lambda parameter, ...). */
        boolean declaresVariable(CharSequence name);

        /** Whether the position is inside a class body declared in the printed code ({@code this} is not ours). */
        boolean inClassBody();

        /** A printer with the same hooks, for text the hook needs apart from the output (a type's name). */
        SourcePrinter printer();
    }

    /** Prints every name as written. */
    NameRewriter IDENTITY = new NameRewriter() {
        @Override
        public String expressionName(TreePath path) {
            return ((IdentifierTree) path.getLeaf()).getName().toString();
        }

        @Override
        public String methodName(TreePath path) {
            return ((IdentifierTree) path.getLeaf()).getName().toString();
        }

        @Override
        public String typeName(TreePath path) {
            return ((IdentifierTree) path.getLeaf()).getName().toString();
        }

        @Override
        public String qualifiedThis(TreePath path) {
            return dottedName(path.getLeaf());
        }
    };

    /** Names as {@code names} writes them; jumps as {@code jumps} rewrites them; expressions as both hook them. */
    final class WithJumps implements NameRewriter {
        private final NameRewriter names;
        private final java.util.function.BiFunction<TreePath, SourcePrinter, String> jumps;
        private final java.util.function.BiPredicate<TreePath, Output> expressions;

        /** Also lets {@code expressions} print trees first (then {@code names}' hook gets the rest). */
        public WithJumps(NameRewriter names, java.util.function.BiFunction<TreePath, SourcePrinter, String> jumps,
                java.util.function.BiPredicate<TreePath, Output> expressions) {
            this.names = names;
            this.jumps = jumps;
            this.expressions = expressions;
        }

        @Override
        public String expressionName(TreePath path) {
            return names.expressionName(path);
        }

        @Override
        public String methodName(TreePath path) {
            return names.methodName(path);
        }

        @Override
        public String typeName(TreePath path) {
            return names.typeName(path);
        }

        @Override
        public String qualifiedThis(TreePath path) {
            return names.qualifiedThis(path);
        }

        @Override
        public String jump(TreePath path, SourcePrinter printer) {
            return jumps.apply(path, printer);
        }

        @Override
        public boolean keepsBinding(com.sun.source.tree.VariableTree binding) {
            return names.keepsBinding(binding);
        }

        @Override
        public String matchName(TreePath binding) {
            return names.matchName(binding);
        }

        @Override
        public String keptBinding(TreePath binding, String match) {
            return names.keptBinding(binding, match);
        }

        @Override
        public boolean expression(TreePath path, Output out) {
            return expressions.test(path, out) || names.expression(path, out);
        }
    }

    /** The source form of a name made of identifiers and member selects, such as {@code a.b.C.this}. */
    private static String dottedName(Tree tree) {
        if (tree instanceof IdentifierTree) {
            return ((IdentifierTree) tree).getName().toString();
        }
        if (tree instanceof MemberSelectTree) {
            MemberSelectTree select = (MemberSelectTree) tree;
            return dottedName(select.getExpression()) + "." + select.getIdentifier();
        }
        throw new UnsupportedTreeException(tree, "a qualified name");
    }
}
