package org.asyncio4j.processor;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ErroneousTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
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
final class SourcePrinter {
    private final NameRewriter rewriter;
    private final CompilationUnitTree unit;
    private final SourcePositions positions;

    /**
     * @param rewriter how names that the printed code does not declare are written
     * @param unit the compilation unit the printed trees come from (its text decides {@code var x} versus {@code x}
     *     for lambda parameters and {@code ...} for varargs, which the trees do not record)
     * @param positions from {@code Trees.getSourcePositions()}
     */
    SourcePrinter(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.positions = positions;
    }

    /** {@link #print(TreePath, int)} at indentation level 0. */
    String print(TreePath path) {
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
    String print(TreePath path, int indentLevel) {
        Printer printer = new Printer(rewriter, unit, positions, indentLevel);
        path.getLeaf().accept(printer, path);
        return printer.text();
    }

    /** Prints the leaf of {@code path} in a type position: simple names go to {@link NameRewriter#typeName}. */
    String printType(TreePath path) {
        Printer printer = new Printer(rewriter, unit, positions, 0);
        printer.type(path);
        return printer.text();
    }

    /** Statements and expressions. */
    private static final class Printer extends PrinterCore {
        Printer(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions, int indentLevel) {
            super(rewriter, unit, positions, indentLevel);
        }

        // ------------------------------------------------------------ statements

        @Override
        public Void visitBlock(BlockTree tree, TreePath path) {
            statements(path, tree.getStatements(), true);
            return null;
        }

        /** {@code {}} or {@code { statements }} in a new scope frame. */
        private void statements(TreePath path, List<? extends StatementTree> statements, boolean braces) {
            if (statements.isEmpty()) {
                w(braces ? "{}" : "");
                return;
            }
            scope.push();
            if (braces) {
                w("{");
            }
            indent();
            for (StatementTree statement : statements) {
                nl();
                print(path, statement);
                scope.declareVariables(PrinterFlow.introducedAfter(statement));
            }
            outdent();
            if (braces) {
                nl();
                w("}");
            }
            scope.pop();
        }

        /** The body of {@code if}, a loop or a label: a block after a space, another statement on its own line. */
        private void body(TreePath parent, StatementTree body, Set<String> bindings) {
            scope.push();
            scope.declareVariables(bindings);
            if (body instanceof BlockTree) {
                w(" ");
                print(parent, body);
            } else {
                indent();
                nl();
                print(parent, body);
                scope.declareVariables(PrinterFlow.introducedAfter(body));
                outdent();
            }
            scope.pop();
        }

        /** A condition in parentheses: javac keeps them as a {@link ParenthesizedTree}; never print two pairs. */
        private void condition(TreePath parent, ExpressionTree condition) {
            if (condition instanceof ParenthesizedTree) {
                print(parent, condition);
            } else {
                w("(");
                print(parent, condition);
                w(")");
            }
        }

        @Override
        public Void visitVariable(VariableTree tree, TreePath path) {
            variable(path, VariableKind.LOCAL, true, false);
            w(";");
            return null;
        }

        @Override
        public Void visitExpressionStatement(ExpressionStatementTree tree, TreePath path) {
            print(path, tree.getExpression());
            w(";");
            return null;
        }

        @Override
        public Void visitEmptyStatement(EmptyStatementTree tree, TreePath path) {
            w(";");
            return null;
        }

        @Override
        public Void visitIf(IfTree tree, TreePath path) {
            w("if ");
            condition(path, tree.getCondition());
            body(path, tree.getThenStatement(), PrinterFlow.bindings(tree.getCondition(), true));
            StatementTree otherwise = tree.getElseStatement();
            if (otherwise != null) {
                if (tree.getThenStatement() instanceof BlockTree) {
                    w(" else");
                } else {
                    nl();
                    w("else");
                }
                if (otherwise instanceof IfTree) {
                    scope.push();
                    scope.declareVariables(PrinterFlow.bindings(tree.getCondition(), false));
                    w(" ");
                    print(path, otherwise);
                    scope.pop();
                } else {
                    body(path, otherwise, PrinterFlow.bindings(tree.getCondition(), false));
                }
            }
            return null;
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree tree, TreePath path) {
            w("while ");
            condition(path, tree.getCondition());
            body(path, tree.getStatement(), PrinterFlow.bindings(tree.getCondition(), true));
            return null;
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree tree, TreePath path) {
            w("do");
            body(path, tree.getStatement(), Set.of());
            if (tree.getStatement() instanceof BlockTree) {
                w(" ");
            } else {
                nl();
            }
            w("while ");
            condition(path, tree.getCondition());
            w(";");
            return null;
        }

        @Override
        public Void visitForLoop(ForLoopTree tree, TreePath path) {
            scope.push();
            w("for (");
            List<? extends StatementTree> init = tree.getInitializer();
            if (!init.isEmpty() && init.get(0) instanceof VariableTree) {
                forDeclarations(path, init);
            } else {
                for (int i = 0; i < init.size(); i++) {
                    if (i > 0) {
                        w(", ");
                    }
                    TreePath statement = child(path, init.get(i));
                    print(statement, ((ExpressionStatementTree) init.get(i)).getExpression());
                }
            }
            w(";");
            Set<String> bindings = Set.of();
            if (tree.getCondition() != null) {
                w(" ");
                print(path, tree.getCondition());
                bindings = PrinterFlow.bindings(tree.getCondition(), true);
            }
            w(";");
            scope.push();
            scope.declareVariables(bindings);
            for (int i = 0; i < tree.getUpdate().size(); i++) {
                w(i > 0 ? ", " : " ");
                TreePath statement = child(path, tree.getUpdate().get(i));
                print(statement, tree.getUpdate().get(i).getExpression());
            }
            w(")");
            body(path, tree.getStatement(), Set.of());
            scope.pop();
            scope.pop();
            return null;
        }

        /**
         * {@code int i = 0, j[] = null}: javac made one {@link VariableTree} per declarator, sharing the type tree
         * (a C-style {@code j[]} wraps it in array types). Print the shared type once.
         */
        private void forDeclarations(TreePath path, List<? extends StatementTree> declarations) {
            VariableTree first = (VariableTree) declarations.get(0);
            if (declarations.size() == 1) {
                variable(child(path, first), VariableKind.LOCAL, true, false);
                return;
            }
            Tree base = null;
            int baseDepth = 0;
            for (Tree candidate = first.getType(); base == null && candidate != null; baseDepth++) {
                if (sharedByAll(candidate, declarations)) {
                    base = candidate;
                    break;
                }
                candidate = candidate instanceof ArrayTypeTree
                        ? ((ArrayTypeTree) candidate).getType() : null;
            }
            if (base == null) {
                throw new UnsupportedTreeException(first, "declarators of different types in a for loop");
            }
            TreePath firstPath = child(path, first);
            modifiers(firstPath, first.getModifiers(), false, true);
            TreePath basePath = child(firstPath, first.getType());
            for (int i = 0; i < baseDepth; i++) {
                basePath = child(basePath, ((ArrayTypeTree) basePath.getLeaf()).getType());
            }
            type(basePath);
            for (int i = 0; i < declarations.size(); i++) {
                VariableTree variable = (VariableTree) declarations.get(i);
                w(i == 0 ? " " : ", ");
                w(variable.getName());
                w("[]".repeat(depthTo(variable.getType(), base)));
                scope.declareVariable(variable.getName());
                if (variable.getInitializer() != null) {
                    w(" = ");
                    print(child(path, variable), variable.getInitializer());
                }
            }
        }

        private boolean sharedByAll(Tree type, List<? extends StatementTree> declarations) {
            for (StatementTree declaration : declarations) {
                if (depthTo(((VariableTree) declaration).getType(), type) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** How many array types wrap {@code base} to make {@code type}; -1 if {@code type} does not contain it. */
        private int depthTo(Tree type, Tree base) {
            int depth = 0;
            for (Tree t = type; t != null; depth++) {
                if (t == base) {
                    return depth;
                }
                t = t instanceof ArrayTypeTree
                        ? ((ArrayTypeTree) t).getType() : null;
            }
            return -1;
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree tree, TreePath path) {
            scope.push();
            w("for (");
            // The variable is not in scope in the expression.
            variable(child(path, tree.getVariable()), VariableKind.LOCAL, false, false);
            w(" : ");
            print(path, tree.getExpression());
            w(")");
            scope.declareVariable(tree.getVariable().getName());
            body(path, tree.getStatement(), Set.of());
            scope.pop();
            return null;
        }

        @Override
        public Void visitLabeledStatement(LabeledStatementTree tree, TreePath path) {
            w(tree.getLabel());
            w(": ");
            print(path, tree.getStatement());
            return null;
        }

        @Override
        public Void visitBreak(BreakTree tree, TreePath path) {
            String jump = rewriter.jump(path);
            w(jump != null ? jump : tree.getLabel() == null ? "break;" : "break " + tree.getLabel() + ";");
            return null;
        }

        @Override
        public Void visitContinue(ContinueTree tree, TreePath path) {
            String jump = rewriter.jump(path);
            w(jump != null ? jump : tree.getLabel() == null ? "continue;" : "continue " + tree.getLabel() + ";");
            return null;
        }

        @Override
        public Void visitReturn(ReturnTree tree, TreePath path) {
            String jump = rewriter.jump(path);
            if (jump != null) {
                w(jump);
                return null;
            }
            w("return");
            if (tree.getExpression() != null) {
                w(" ");
                print(path, tree.getExpression());
            }
            w(";");
            return null;
        }

        @Override
        public Void visitThrow(ThrowTree tree, TreePath path) {
            w("throw ");
            print(path, tree.getExpression());
            w(";");
            return null;
        }

        @Override
        public Void visitYield(YieldTree tree, TreePath path) {
            w("yield ");
            print(path, tree.getValue());
            w(";");
            return null;
        }

        @Override
        public Void visitAssert(AssertTree tree, TreePath path) {
            w("assert ");
            print(path, tree.getCondition());
            if (tree.getDetail() != null) {
                w(" : ");
                print(path, tree.getDetail());
            }
            w(";");
            return null;
        }

        @Override
        public Void visitSynchronized(SynchronizedTree tree, TreePath path) {
            w("synchronized ");
            condition(path, tree.getExpression());
            w(" ");
            print(path, tree.getBlock());
            return null;
        }

        @Override
        public Void visitTry(TryTree tree, TreePath path) {
            w("try ");
            scope.push();
            if (!tree.getResources().isEmpty()) {
                w("(");
                for (int i = 0; i < tree.getResources().size(); i++) {
                    if (i > 0) {
                        w("; ");
                    }
                    Tree resource = tree.getResources().get(i);
                    if (resource instanceof VariableTree) {
                        variable(child(path, resource), VariableKind.LOCAL, true, false);
                    } else {
                        print(path, resource); // Java 9: an effectively final variable or a field
                    }
                }
                w(") ");
            }
            print(path, tree.getBlock());
            scope.pop();
            for (CatchTree catchTree : tree.getCatches()) {
                w(" ");
                print(path, catchTree);
            }
            if (tree.getFinallyBlock() != null) {
                w(" finally ");
                print(path, tree.getFinallyBlock());
            }
            return null;
        }

        @Override
        public Void visitCatch(CatchTree tree, TreePath path) {
            scope.push();
            w("catch (");
            variable(child(path, tree.getParameter()), VariableKind.LOCAL, true, false);
            w(") ");
            print(path, tree.getBlock());
            scope.pop();
            return null;
        }

        @Override
        public Void visitSwitch(SwitchTree tree, TreePath path) {
            w("switch ");
            condition(path, tree.getExpression());
            cases(path, tree.getCases());
            return null;
        }

        @Override
        public Void visitSwitchExpression(SwitchExpressionTree tree, TreePath path) {
            w("switch ");
            condition(path, tree.getExpression());
            cases(path, tree.getCases());
            return null;
        }

        /** The switch block is one scope: a local declared under one {@code case:} is in scope under the next. */
        private void cases(TreePath path, List<? extends CaseTree> cases) {
            if (cases.isEmpty()) {
                w(" {}");
                return;
            }
            w(" {");
            scope.push();
            indent();
            for (CaseTree caseTree : cases) {
                nl();
                print(path, caseTree);
            }
            outdent();
            scope.pop();
            nl();
            w("}");
        }

        @Override
        public Void visitCase(CaseTree tree, TreePath path) {
            caseLabels(path);
            if (tree.getCaseKind() == CaseTree.CaseKind.RULE) {
                w(" -> ");
                Tree body = tree.getBody();
                print(path, body);
                if (body instanceof ExpressionTree) {
                    w(";");
                }
            } else {
                w(":");
                List<? extends StatementTree> statements = tree.getStatements();
                if (statements.size() == 1 && statements.get(0) instanceof BlockTree) {
                    w(" ");
                    print(path, statements.get(0));
                } else {
                    indent();
                    for (StatementTree statement : statements) {
                        nl();
                        print(path, statement);
                        scope.declareVariables(PrinterFlow.introducedAfter(statement));
                    }
                    outdent();
                }
            }
            return null;
        }

        /**
         * {@code case A, B} or {@code default}. Java 21 added label trees (patterns, {@code case null, default},
         * guards) that the Java 17 API cannot name: read them reflectively and refuse patterns and guards.
         */
        private void caseLabels(TreePath path) {
            CaseTree tree = (CaseTree) path.getLeaf();
            List<? extends ExpressionTree> expressions = tree.getExpressions();
            List<String> labels = PrinterCaseLabels.kinds(tree);
            if (labels == null) { // no label trees in this javac
                labels = new ArrayList<>();
                for (int i = 0; i < expressions.size(); i++) {
                    labels.add(PrinterCaseLabels.CONSTANT);
                }
            }
            if (labels.isEmpty() || (labels.size() == 1 && labels.get(0).equals(PrinterCaseLabels.DEFAULT))) {
                w("default");
                return;
            }
            w("case ");
            int constant = 0;
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    w(", ");
                }
                if (labels.get(i).equals(PrinterCaseLabels.DEFAULT)) {
                    w("default");
                } else {
                    // Path case -> expression on every JDK (21+ has a label tree in between), so a hook can tell.
                    print(path, expressions.get(constant++));
                }
            }
        }

        // ------------------------------------------------------------ expressions

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
            Tree parent = path.getParentPath().getLeaf();
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
                    ? PrinterFlow.bindings(tree.getLeftOperand(), true)
                    : tree.getKind() == Tree.Kind.CONDITIONAL_OR
                            ? PrinterFlow.bindings(tree.getLeftOperand(), false) : Set.of();
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
            scope.declareVariables(PrinterFlow.bindings(tree.getCondition(), true));
            print(path, tree.getTrueExpression());
            scope.pop();
            w(" : ");
            scope.push();
            scope.declareVariables(PrinterFlow.bindings(tree.getCondition(), false));
            print(path, tree.getFalseExpression());
            scope.pop();
            return null;
        }

        @Override
        public Void visitInstanceOf(InstanceOfTree tree, TreePath path) {
            print(path, tree.getExpression());
            w(" instanceof ");
            if (tree.getPattern() != null) {
                print(path, tree.getPattern());
            } else {
                type(path, tree.getType());
            }
            return null;
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
            if (!tree.getTypeArguments().isEmpty()) {
                typeArguments(path, tree.getTypeArguments(), false);
                w(" ");
            }
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
                anonymousClassBody(child(path, tree.getClassBody()));
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
