package org.asyncio4j.processor.print;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Switch statements and expressions, for {@link SourcePrinter}: the fourth layer of its visitor, on top of
 * {@link PrinterStatements}. Classic and arrow cases, {@code case A, B}, {@code default}; the switch block is one
 * scope (a local declared under one {@code case:} is in scope under the next).
 *
 * <p>Not thread-safe; one instance per {@code print} call.
 */
abstract class PrinterSwitches extends PrinterStatements {
    PrinterSwitches(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions, int indentLevel) {
        super(rewriter, unit, positions, indentLevel);
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
                    scope.declareVariables(introducedAfter(statement));
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
}
