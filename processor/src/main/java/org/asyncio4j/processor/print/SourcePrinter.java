package org.asyncio4j.processor.print;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ErroneousTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Prints statements and expressions of a method body, as javac's parser built them (unattributed), back into Java
 * source, letting a {@link NameRewriter} rewrite every name the printed code does not declare itself.
 *
 * <pre>{@code
 * // body of the user's method                 // print(statement path), with a rewriter for count, this, log
 * for (int i = 0; i < count; i++) {            for (int i = 0; i < self.count; i++) {
 *     String s = this.name + i;                    String s = self.name + i;
 *     log(s);                         ===>         Owner.log(s);
 * }                                            }
 * }</pre>
 *
 * <p>What the output keeps and changes:
 * <ul>
 *   <li>Parentheses are exactly those of the source (javac keeps them as trees). Replacements are names or member
 *       selects, so precedence cannot change.
 *   <li>Layout is normalised: 4-space indentation, one statement per line, braces on the same line, no tabs, no
 *       comments, no trailing newline. {@code int a = 1, b[];} becomes {@code int a = 1;} and {@code int[] b;}
 *       (javac splits declarators; inside a {@code for} header they stay together). Literals are printed from their
 *       values (see {@link PrinterLiterals}). A non-block body of {@code if}/loops goes on its own, indented line.
 *   <li>Printing the output again (after re-parsing it) gives the same text.
 * </ul>
 *
 * <p>Scoping: the printer tracks what the printed code declares (see {@link PrinterScope}; pattern variables
 * follow {@link PrinterFlow}) and calls the hook for every other simple name, exactly once per occurrence, left to
 * right. Inside a class body declared in the printed code, {@code this} and {@code super} are that class's and are
 * printed as written.
 *
 * <p>Tree kinds the printer does not know (newer Java: record patterns, patterns in {@code case}, guards; or parse
 * errors) throw {@link UnsupportedTreeException}; nothing else escapes but the hook's own exceptions.
 *
 * <p>Stateless between calls; not thread-safe during one.
 */
public final class SourcePrinter {
    private final NameRewriter rewriter;
    private final CompilationUnitTree unit;
    private final SourcePositions positions;

    /**
     * @param rewriter how names that the printed code does not declare are written
     * @param unit the compilation unit the printed trees come from (its text decides {@code var x} versus {@code x}
     *     for lambda parameters and {@code ...} for varargs, which the trees do not record)
     * @param positions from {@code Trees.getSourcePositions()}
     */
    public SourcePrinter(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.positions = positions;
    }

    /** {@link #print(TreePath, int)} at indentation level 0. */
    public String print(TreePath path) {
        return print(path, 0);
    }

    /**
     * Prints the leaf of {@code path}: an expression (no semicolon), a statement (with its semicolon or block), a
     * block, a local class, a method, a case or a type tree. Every line, the first included, starts with
     * {@code 4 * indentLevel} spaces; there is no trailing newline. For an identifier or member select that is a
     * type, use {@link #printType}.
     *
     * @throws UnsupportedTreeException for a construct that cannot be printed
     */
    public String print(TreePath path, int indentLevel) {
        Printer printer = new Printer(rewriter, unit, positions, indentLevel);
        printer.printPath(path);
        return printer.text();
    }

    /**
     * {@link #print(TreePath)} with a {@link SourceLines#marker} of the user's line before every statement that
     * starts a line of the output (for the class files' line tables; see {@link DebugLines}).
     */
    public String printWithLines(TreePath path) {
        Printer printer = new Printer(rewriter, unit, positions, 0);
        printer.markLines();
        printer.printPath(path);
        return printer.text();
    }

    /** Prints the leaf of {@code path} in a type position: simple names go to {@link NameRewriter#typeName}. */
    String printType(TreePath path) {
        Printer printer = new Printer(rewriter, unit, positions, 0);
        printer.type(path);
        return printer.text();
    }

    /** The last layer of the visitor: expressions. */
    private static final class Printer extends PrinterSwitches {
        Printer(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions, int indentLevel) {
            super(rewriter, unit, positions, indentLevel);
        }

        @Override
        public Void visitIdentifier(IdentifierTree tree, TreePath path) {
            String name = tree.getName().toString();
            if (name.equals("this") || name.equals("super")) {
                w(scope.inClassBody() ? name : rewriter.expressionName(path));
            } else if (scope.isVariable(name) || (isQualifier(path) && scope.isType(name))) {
                w(name);
            } else {
                w(rewriter.expressionName(path));
            }
            return null;
        }

        /** Whether the identifier at {@code path} is the {@code a} of {@code a.b} or {@code a::b}. */
        private boolean isQualifier(TreePath path) {
            Tree parent = path.getParentPath() == null ? null : path.getParentPath().getLeaf();
            return (parent instanceof MemberSelectTree && ((MemberSelectTree) parent).getExpression() == path.getLeaf())
                    || (parent instanceof MemberReferenceTree
                            && ((MemberReferenceTree) parent).getQualifierExpression() == path.getLeaf());
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree tree, TreePath path) {
            String name = tree.getIdentifier().toString();
            ExpressionTree qualifier = tree.getExpression();
            if (name.equals("this") || name.equals("super")) {
                if (qualifier instanceof IdentifierTree && scope.isType(((IdentifierTree) qualifier).getName())) {
                    w(((IdentifierTree) qualifier).getName() + "." + name);
                } else {
                    w(rewriter.qualifiedThis(path));
                }
            } else if (name.equals("class")) {
                type(path, qualifier);
                w(".class");
            } else {
                print(path, qualifier);
                w(".");
                w(name);
            }
            return null;
        }

        @Override
        public Void visitLiteral(LiteralTree tree, TreePath path) {
            Tree parent = path.getParentPath() == null ? null : path.getParentPath().getLeaf();
            w(PrinterLiterals.literal(tree, parent != null && parent.getKind() == Tree.Kind.UNARY_MINUS));
            return null;
        }

        @Override
        public Void visitParenthesized(ParenthesizedTree tree, TreePath path) {
            w("(");
            print(path, tree.getExpression());
            w(")");
            return null;
        }

        @Override
        public Void visitUnary(UnaryTree tree, TreePath path) {
            String operator = PrinterOperators.unary(tree);
            boolean postfix = tree.getKind() == Tree.Kind.POSTFIX_INCREMENT
                    || tree.getKind() == Tree.Kind.POSTFIX_DECREMENT;
            if (postfix) {
                print(path, tree.getExpression());
                w(operator);
            } else {
                w(operator);
                int operand = mark();
                print(path, tree.getExpression());
                // `- -x`, `- -1` (javac folds the minus into int literals), `+ ++x`: never `--x` by accident.
                char last = operator.charAt(operator.length() - 1);
                if ((last == '-' || last == '+') && charAt(operand) == last) {
                    insert(operand, " ");
                }
            }
            return null;
        }

        @Override
        public Void visitBinary(BinaryTree tree, TreePath path) {
            print(path, tree.getLeftOperand());
            w(" ");
            w(PrinterOperators.binary(tree));
            w(" ");
            Set<String> bindings = tree.getKind() == Tree.Kind.CONDITIONAL_AND
                    ? bindings(tree.getLeftOperand(), true)
                    : tree.getKind() == Tree.Kind.CONDITIONAL_OR
                            ? bindings(tree.getLeftOperand(), false) : Set.of();
            scope.push();
            scope.declareVariables(bindings);
            print(path, tree.getRightOperand());
            scope.pop();
            return null;
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree tree, TreePath path) {
            print(path, tree.getVariable());
            w(" ");
            w(PrinterOperators.compoundAssignment(tree));
            w(" ");
            print(path, tree.getExpression());
            return null;
        }

        @Override
        public Void visitAssignment(AssignmentTree tree, TreePath path) {
            print(path, tree.getVariable());
            w(" = ");
            print(path, tree.getExpression());
            return null;
        }

        @Override
        public Void visitConditionalExpression(ConditionalExpressionTree tree, TreePath path) {
            print(path, tree.getCondition());
            w(" ? ");
            scope.push();
            scope.declareVariables(bindings(tree.getCondition(), true));
            print(path, tree.getTrueExpression());
            scope.pop();
            w(" : ");
            scope.push();
            scope.declareVariables(bindings(tree.getCondition(), false));
            print(path, tree.getFalseExpression());
            scope.pop();
            return null;
        }

        @Override
        public Void visitInstanceOf(InstanceOfTree tree, TreePath path) {
            if (tree.getPattern() instanceof BindingPatternTree
                    && rewriter.keepsBinding(((BindingPatternTree) tree.getPattern()).getVariable())) {
                keptBinding(tree, path);
                return null;
            }
            print(path, tree.getExpression());
            w(" instanceof ");
            if (tree.getPattern() != null) {
                print(path, tree.getPattern());
            } else {
                type(path, tree.getType());
            }
            return null;
        }

        /**
         * {@code o instanceof T v} whose {@code v} lives beyond the pattern: {@code (o instanceof T vMatch &&
         * matched(v = vMatch))}, so that {@code v} keeps the value wherever its scope goes on.
         */
        private void keptBinding(InstanceOfTree tree, TreePath path) {
            TreePath pattern = child(path, tree.getPattern());
            TreePath variable = child(pattern, ((BindingPatternTree) tree.getPattern()).getVariable());
            String match = rewriter.matchName(variable);
            w("(");
            print(path, tree.getExpression());
            w(" instanceof ");
            type(variable, ((VariableTree) variable.getLeaf()).getType());
            w(" " + match + " && " + rewriter.keptBinding(variable, match) + ")");
        }

        @Override
        public Void visitBindingPattern(BindingPatternTree tree, TreePath path) {
            // Declared through PrinterFlow where it is in scope, not here.
            variable(child(path, tree.getVariable()), VariableKind.BINDING, false, false);
            return null;
        }

        @Override
        public Void visitTypeCast(TypeCastTree tree, TreePath path) {
            w("(");
            type(path, tree.getType());
            w(") ");
            print(path, tree.getExpression());
            return null;
        }

        @Override
        public Void visitArrayAccess(ArrayAccessTree tree, TreePath path) {
            print(path, tree.getExpression());
            w("[");
            print(path, tree.getIndex());
            w("]");
            return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, TreePath path) {
            ExpressionTree select = tree.getMethodSelect();
            TreePath selectPath = child(path, select);
            if (select instanceof IdentifierTree) {
                String name = ((IdentifierTree) select).getName().toString();
                typeArguments(path, tree.getTypeArguments(), false); // only `<T>this(...)` can have them
                boolean constructorCall = name.equals("this") || name.equals("super");
                if (constructorCall ? scope.inClassBody() : scope.isMethod(name)) {
                    w(name);
                } else {
                    w(rewriter.methodName(selectPath));
                }
            } else if (select instanceof MemberSelectTree
                    && ((MemberSelectTree) select).getIdentifier().contentEquals("super")) {
                // outer.super(...): a superclass constructor call on an enclosing instance, an expression.
                print(selectPath, ((MemberSelectTree) select).getExpression());
                w(".");
                typeArguments(path, tree.getTypeArguments(), false);
                w("super");
            } else if (select instanceof MemberSelectTree) {
                MemberSelectTree member = (MemberSelectTree) select;
                print(selectPath, member.getExpression());
                w(".");
                typeArguments(path, tree.getTypeArguments(), false);
                w(member.getIdentifier());
            } else {
                print(path, select);
            }
            w("(");
            printAll(path, tree.getArguments(), ", ");
            w(")");
            return null;
        }

        @Override
        public Void visitNewClass(NewClassTree tree, TreePath path) {
            if (tree.getEnclosingExpression() != null) {
                print(path, tree.getEnclosingExpression());
                w(".");
            }
            w("new ");
            typeArguments(path, tree.getTypeArguments(), false);
            TreePath classPath = child(path, tree.getIdentifier());
            if (tree.getEnclosingExpression() != null) {
                innerClassName(classPath); // names a member of the enclosing instance's class: never rewritten
            } else {
                type(classPath);
            }
            w("(");
            printAll(path, tree.getArguments(), ", ");
            w(")");
            if (tree.getClassBody() != null) {
                w(" ");
                anonymousClassBody(child(path, tree.getClassBody()), tree.getIdentifier());
            }
            return null;
        }

        private void innerClassName(TreePath path) {
            Tree tree = path.getLeaf();
            if (tree instanceof IdentifierTree) {
                w(((IdentifierTree) tree).getName());
            } else if (tree instanceof ParameterizedTypeTree) {
                ParameterizedTypeTree parameterized = (ParameterizedTypeTree) tree;
                innerClassName(child(path, parameterized.getType()));
                typeArguments(path, parameterized.getTypeArguments(), true);
            } else if (tree instanceof AnnotatedTypeTree) {
                AnnotatedTypeTree annotated = (AnnotatedTypeTree) tree;
                annotations(path, annotated.getAnnotations());
                innerClassName(child(path, annotated.getUnderlyingType()));
            } else {
                type(path);
            }
        }

        @Override
        public Void visitNewArray(NewArrayTree tree, TreePath path) {
            if (tree.getType() == null) {
                arrayInitializer(path, tree);
                return null;
            }
            // new int @A [2] @B [] {..}: the type tree holds the element type and the dimensions after the
            // given ones (outermost first); the given ones carry their annotations in getDimAnnotations().
            w("new ");
            List<TreePath> extra = new ArrayList<>();
            type(arrayDimensions(child(path, tree.getType()), extra));
            // javac keeps the annotations of given dimensions in getDimAnnotations(), but those of the one `[]`
            // before an initializer in getAnnotations().
            List<? extends List<? extends AnnotationTree>> dimAnnotations = tree.getDimensions().isEmpty()
                    ? List.of(tree.getAnnotations() == null ? List.of() : tree.getAnnotations())
                    : tree.getDimAnnotations();
            int given = Math.max(tree.getDimensions().size(), tree.getInitializers() != null ? 1 : 0);
            for (int i = 0; i < given; i++) {
                if (dimAnnotations != null && i < dimAnnotations.size() && !dimAnnotations.get(i).isEmpty()) {
                    w(" ");
                    annotations(path, dimAnnotations.get(i));
                }
                w("[");
                if (i < tree.getDimensions().size()) {
                    print(path, tree.getDimensions().get(i));
                }
                w("]");
            }
            for (TreePath dimension : extra) {
                dimension(dimension, "[]");
            }
            if (tree.getInitializers() != null) {
                w(" ");
                arrayInitializer(path, tree);
            }
            return null;
        }

        private void arrayInitializer(TreePath path, NewArrayTree tree) {
            w("{");
            printAll(path, tree.getInitializers(), ", ");
            w("}");
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree tree, TreePath path) {
            List<? extends VariableTree> parameters = tree.getParameters();
            boolean implicit = !parameters.isEmpty();
            for (VariableTree parameter : parameters) {
                implicit &= isImplicitLambdaParameter(parameter);
            }
            scope.push();
            if (implicit) {
                if (parameters.size() > 1) {
                    w("(");
                }
                for (int i = 0; i < parameters.size(); i++) {
                    if (i > 0) {
                        w(", ");
                    }
                    w(parameters.get(i).getName());
                    scope.declareVariable(parameters.get(i).getName());
                }
                if (parameters.size() > 1) {
                    w(")");
                }
            } else {
                parameters(path, parameters, VariableKind.LAMBDA_PARAMETER);
            }
            w(" -> ");
            print(path, tree.getBody());
            scope.pop();
            return null;
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree tree, TreePath path) {
            ExpressionTree qualifier = tree.getQualifierExpression();
            boolean constructor = tree.getMode() == MemberReferenceTree.ReferenceMode.NEW;
            switch (qualifier.getKind()) {
                case ARRAY_TYPE:
                case PARAMETERIZED_TYPE:
                case PRIMITIVE_TYPE:
                case ANNOTATED_TYPE:
                    type(path, qualifier);
                    break;
                default:
                    if (constructor) {
                        type(path, qualifier);
                    } else {
                        print(path, qualifier); // a variable or a type: the hook decides
                    }
                    break;
            }
            w("::");
            typeArguments(path, tree.getTypeArguments(), false);
            w(constructor ? "new" : tree.getName().toString());
            return null;
        }

        @Override
        public Void visitErroneous(ErroneousTree tree, TreePath path) {
            throw new UnsupportedTreeException(tree, "code with a syntax error");
        }
    }
}
