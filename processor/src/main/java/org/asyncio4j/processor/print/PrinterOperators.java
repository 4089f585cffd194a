package org.asyncio4j.processor.print;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;

/** The source spelling of javac's operator tree kinds, for {@link SourcePrinter}. */
final class PrinterOperators {
    private PrinterOperators() {}

    static String unary(UnaryTree tree) {
        switch (tree.getKind()) {
            case POSTFIX_INCREMENT:
            case PREFIX_INCREMENT:
                return "++";
            case POSTFIX_DECREMENT:
            case PREFIX_DECREMENT:
                return "--";
            case UNARY_PLUS:
                return "+";
            case UNARY_MINUS:
                return "-";
            case BITWISE_COMPLEMENT:
                return "~";
            case LOGICAL_COMPLEMENT:
                return "!";
            default:
                throw unknown(tree);
        }
    }

    static String binary(BinaryTree tree) {
        switch (tree.getKind()) {
            case MULTIPLY:
                return "*";
            case DIVIDE:
                return "/";
            case REMAINDER:
                return "%";
            case PLUS:
                return "+";
            case MINUS:
                return "-";
            case LEFT_SHIFT:
                return "<<";
            case RIGHT_SHIFT:
                return ">>";
            case UNSIGNED_RIGHT_SHIFT:
                return ">>>";
            case LESS_THAN:
                return "<";
            case GREATER_THAN:
                return ">";
            case LESS_THAN_EQUAL:
                return "<=";
            case GREATER_THAN_EQUAL:
                return ">=";
            case EQUAL_TO:
                return "==";
            case NOT_EQUAL_TO:
                return "!=";
            case AND:
                return "&";
            case XOR:
                return "^";
            case OR:
                return "|";
            case CONDITIONAL_AND:
                return "&&";
            case CONDITIONAL_OR:
                return "||";
            default:
                throw unknown(tree);
        }
    }

    static String compoundAssignment(CompoundAssignmentTree tree) {
        switch (tree.getKind()) {
            case MULTIPLY_ASSIGNMENT:
                return "*=";
            case DIVIDE_ASSIGNMENT:
                return "/=";
            case REMAINDER_ASSIGNMENT:
                return "%=";
            case PLUS_ASSIGNMENT:
                return "+=";
            case MINUS_ASSIGNMENT:
                return "-=";
            case LEFT_SHIFT_ASSIGNMENT:
                return "<<=";
            case RIGHT_SHIFT_ASSIGNMENT:
                return ">>=";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
                return ">>>=";
            case AND_ASSIGNMENT:
                return "&=";
            case XOR_ASSIGNMENT:
                return "^=";
            case OR_ASSIGNMENT:
                return "|=";
            default:
                throw unknown(tree);
        }
    }

    private static UnsupportedTreeException unknown(Tree tree) {
        return new UnsupportedTreeException(tree, "the operator " + tree.getKind());
    }
}
