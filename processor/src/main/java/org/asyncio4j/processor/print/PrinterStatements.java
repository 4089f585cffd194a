package org.asyncio4j.processor.print;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Set;

/**
 * Statements, for {@link SourcePrinter}: the third layer of its visitor, on top of {@link PrinterDeclarations};
 * switches are the fourth ({@link PrinterSwitches}).
 *
 * <p>Each statement is printed from the current position; a nested statement starts on a new line at the current
 * indentation. Blocks, loops, {@code catch}, lambdas and switch blocks open scope frames; after each statement of a
 * block, the pattern variables it introduces into the rest of the block ({@link PrinterFlow#introducedAfter}) are
 * declared.
 *
 * <p>Not thread-safe; one instance per {@code print} call.
 */
abstract class PrinterStatements extends PrinterDeclarations {
    PrinterStatements(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions, int indentLevel) {
        super(rewriter, unit, positions, indentLevel);
    }

    /** {@code {}} or {@code { statements }}, in a new scope frame. */
    @Override
    public Void visitBlock(BlockTree tree, TreePath path) {
        if (tree.getStatements().isEmpty()) {
            w("{}");
            return null;
        }
        scope.push();
        w("{");
        indent();
        for (StatementTree statement : tree.getStatements()) {
            nl();
            print(path, statement);
            scope.declareVariables(introducedAfter(statement));
        }
        outdent();
        nl();
        w("}");
        scope.pop();
        return null;
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
            scope.declareVariables(introducedAfter(body));
            outdent();
        }
        scope.pop();
    }

    /** A condition in parentheses: javac keeps them as a {@link ParenthesizedTree}; never print two pairs. */
    void condition(TreePath parent, ExpressionTree condition) {
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
        body(path, tree.getThenStatement(), bindings(tree.getCondition(), true));
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
                scope.declareVariables(bindings(tree.getCondition(), false));
                w(" ");
                print(path, otherwise);
                scope.pop();
            } else {
                body(path, otherwise, bindings(tree.getCondition(), false));
            }
        }
        return null;
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree tree, TreePath path) {
        w("while ");
        condition(path, tree.getCondition());
        body(path, tree.getStatement(), bindings(tree.getCondition(), true));
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
            bindings = bindings(tree.getCondition(), true);
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
        String jump = rewriter.jump(path, new SourcePrinter(rewriter, unit, positions));
        w(jump != null ? jump : tree.getLabel() == null ? "break;" : "break " + tree.getLabel() + ";");
        return null;
    }

    @Override
    public Void visitContinue(ContinueTree tree, TreePath path) {
        String jump = rewriter.jump(path, new SourcePrinter(rewriter, unit, positions));
        w(jump != null ? jump : tree.getLabel() == null ? "continue;" : "continue " + tree.getLabel() + ";");
        return null;
    }

    @Override
    public Void visitReturn(ReturnTree tree, TreePath path) {
        String jump = rewriter.jump(path, new SourcePrinter(rewriter, unit, positions));
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
        String jump = rewriter.jump(path, new SourcePrinter(rewriter, unit, positions));
        if (jump != null) {
            w(jump);
            return null;
        }
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
                    variable(child(path, resource), VariableKind.RESOURCE, true, false);
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
}
