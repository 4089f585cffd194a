package org.asyncio4j.processor.print;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * The layer of {@link SourcePrinter}'s visitor that prints types, annotations, modifiers and variable declarations:
 * primitive, array, parameterized, wildcard, union and intersection types, type parameters, annotations with their
 * arguments, modifiers in their canonical order, and variables and parameters ({@code var} and varargs as written).
 * Type names go to {@link NameRewriter#typeName}.
 * <pre>{@code
 * Map<String, List<? extends T>>[]   ===>   Map<String, List<? extends T>>[]   (each simple name through typeName)
 * @Deprecated(since = "1")           ===>   @Deprecated(since = "1")
 * }</pre>
 * Between {@link PrinterCore} and {@link PrinterDeclarations}; the split only keeps files small. Not thread-safe;
 * one instance per {@code print} call.
 */
abstract class PrinterTypes extends PrinterCore {
    PrinterTypes(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions, int indentLevel) {
        super(rewriter, unit, positions, indentLevel);
    }

    private static final List<String> MODIFIER_ORDER = List.of("public", "protected", "private", "abstract",
            "default", "static", "sealed", "non-sealed", "final", "transient", "volatile", "synchronized", "native",
            "strictfp");

    /** Whether a lambda parameter without a type tree was written {@code var x} rather than just {@code x}. */
    final boolean writtenWithVar(VariableTree variable) {
        CharSequence text = source();
        if (text == null || positions == null) {
            return false;
        }
        long start = positions.getStartPosition(unit, variable);
        if (start < 0) {
            return false;
        }
        int i = (int) start;
        if (!text.subSequence(i, Math.min(text.length(), i + 3)).toString().equals("var")) {
            return false;
        }
        i += 3;
        int afterVar = i;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        // `var x`: whitespace, then the name. A parameter named `var` is followed by `,` `)` or `->`.
        return i > afterVar && i < text.length() && Character.isJavaIdentifierStart(text.charAt(i));
    }

    /**
     * Whether the last parameter {@code variable} was declared with {@code ...}: the tree has only an array type.
     * Read the source text of the type; javac keeps end positions only when asked (an IDE, a diagnostic listener),
     * so without them fall back to javac's own rendering of the tree, which prints {@code T... name} for varargs.
     */
    private boolean isVarargs(VariableTree variable) {
        Tree type = variable.getType();
        if (!(type instanceof ArrayTypeTree || type instanceof AnnotatedTypeTree)) {
            return false;
        }
        String text = sourceText(type);
        if (text != null) {
            return text.trim().endsWith("...");
        }
        return variable.toString().endsWith("... " + variable.getName());
    }

    // ---------------------------------------------------------------- types

    /** Prints the tree at {@code path} in a type position: simple names go to {@link NameRewriter#typeName}. */
    final void type(TreePath path) {
        Tree tree = path.getLeaf();
        switch (tree.getKind()) {
            case IDENTIFIER: {
                String name = ((IdentifierTree) tree).getName().toString();
                w(scope.isType(name) ? name : rewriter.typeName(path));
                break;
            }
            case MEMBER_SELECT: {
                MemberSelectTree select = (MemberSelectTree) tree;
                type(child(path, select.getExpression()));
                w(".");
                w(select.getIdentifier());
                break;
            }
            case PRIMITIVE_TYPE:
                w(((PrimitiveTypeTree) tree).getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT));
                break;
            case ARRAY_TYPE:
                arrayType(path, false);
                break;
            case ANNOTATED_TYPE: {
                AnnotatedTypeTree annotated = (AnnotatedTypeTree) tree;
                Tree underlying = annotated.getUnderlyingType();
                if (underlying instanceof ArrayTypeTree) {
                    arrayType(path, false);
                } else if (underlying instanceof MemberSelectTree) {
                    // java.lang.@A String
                    TreePath selectPath = child(path, underlying);
                    type(child(selectPath, ((MemberSelectTree) underlying).getExpression()));
                    w(".");
                    annotations(path, annotated.getAnnotations());
                    w(((MemberSelectTree) underlying).getIdentifier());
                } else {
                    annotations(path, annotated.getAnnotations());
                    type(child(path, underlying));
                }
                break;
            }
            case PARAMETERIZED_TYPE: {
                ParameterizedTypeTree parameterized = (ParameterizedTypeTree) tree;
                type(child(path, parameterized.getType()));
                typeArguments(path, parameterized.getTypeArguments(), true);
                break;
            }
            case UNBOUNDED_WILDCARD:
                w("?");
                break;
            case EXTENDS_WILDCARD:
            case SUPER_WILDCARD:
                w(tree.getKind() == Tree.Kind.EXTENDS_WILDCARD ? "? extends " : "? super ");
                type(child(path, ((WildcardTree) tree).getBound()));
                break;
            case UNION_TYPE:
                types(path, ((UnionTypeTree) tree).getTypeAlternatives(), " | ");
                break;
            case INTERSECTION_TYPE:
                types(path, ((IntersectionTypeTree) tree).getBounds(), " & ");
                break;
            default:
                tree.accept(this, path);
                break;
        }
    }

    final void type(TreePath parent, Tree child) {
        type(child(parent, child));
    }

    final void types(TreePath parent, List<? extends Tree> children, String separator) {
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                w(separator);
            }
            type(parent, children.get(i));
        }
    }

    /** {@code <A, B>}; an empty list prints the diamond {@code <>} only if {@code diamond}. */
    final void typeArguments(TreePath parent, List<? extends Tree> arguments, boolean diamond) {
        if (arguments == null || (arguments.isEmpty() && !diamond)) {
            return;
        }
        w("<");
        types(parent, arguments, ", ");
        w(">");
    }

    /**
     * An array type, its dimensions in source order: the outermost array type is written first
     * ({@code String @A [] @B []}: {@code @A} annotates {@code String[][]}). A varargs parameter's {@code ...} is
     * its outermost dimension, written last.
     */
    private void arrayType(TreePath path, boolean varargs) {
        List<TreePath> dimensions = new ArrayList<>();
        TreePath element = arrayDimensions(path, dimensions);
        type(element);
        for (int i = varargs ? 1 : 0; i < dimensions.size(); i++) {
            dimension(dimensions.get(i), "[]");
        }
        if (varargs) {
            dimension(dimensions.get(0), "...");
        }
    }

    /** The dimensions of {@code arrayType} (outermost first) and, returned, its element type. */
    final TreePath arrayDimensions(TreePath arrayType, List<TreePath> dimensions) {
        TreePath element = arrayType;
        while (true) {
            Tree tree = element.getLeaf();
            if (tree instanceof AnnotatedTypeTree
                    && ((AnnotatedTypeTree) tree).getUnderlyingType() instanceof ArrayTypeTree) {
                dimensions.add(element);
                TreePath array = child(element, ((AnnotatedTypeTree) tree).getUnderlyingType());
                element = child(array, ((ArrayTypeTree) array.getLeaf()).getType());
            } else if (tree instanceof ArrayTypeTree) {
                dimensions.add(element);
                element = child(element, ((ArrayTypeTree) tree).getType());
            } else {
                return element;
            }
        }
    }

    /** One {@code []} (or {@code ...}) with the type annotations of {@code dimension}, if it is annotated. */
    final void dimension(TreePath dimension, String brackets) {
        if (dimension != null && dimension.getLeaf() instanceof AnnotatedTypeTree) {
            w(" ");
            annotations(dimension, ((AnnotatedTypeTree) dimension.getLeaf()).getAnnotations());
        }
        w(brackets);
    }

    final void typeParameters(TreePath parent, List<? extends TypeParameterTree> parameters) {
        if (parameters.isEmpty()) {
            return;
        }
        w("<");
        printAll(parent, parameters, ", ");
        w(">");
    }

    @Override
    public Void visitTypeParameter(TypeParameterTree tree, TreePath path) {
        annotations(path, tree.getAnnotations());
        w(tree.getName());
        if (!tree.getBounds().isEmpty()) {
            w(" extends ");
            types(path, tree.getBounds(), " & ");
        }
        return null;
    }

    @Override
    public Void visitPrimitiveType(PrimitiveTypeTree tree, TreePath path) {
        type(path);
        return null;
    }

    @Override
    public Void visitArrayType(ArrayTypeTree tree, TreePath path) {
        type(path);
        return null;
    }

    @Override
    public Void visitParameterizedType(ParameterizedTypeTree tree, TreePath path) {
        type(path);
        return null;
    }

    @Override
    public Void visitWildcard(WildcardTree tree, TreePath path) {
        type(path);
        return null;
    }

    @Override
    public Void visitUnionType(UnionTypeTree tree, TreePath path) {
        type(path);
        return null;
    }

    @Override
    public Void visitIntersectionType(IntersectionTypeTree tree, TreePath path) {
        type(path);
        return null;
    }

    @Override
    public Void visitAnnotatedType(AnnotatedTypeTree tree, TreePath path) {
        type(path);
        return null;
    }

    // ---------------------------------------------------------------- annotations and modifiers

    /** Each annotation followed by a space. */
    final void annotations(TreePath parent, List<? extends AnnotationTree> annotations) {
        for (AnnotationTree annotation : annotations) {
            print(parent, annotation);
            w(" ");
        }
    }

    @Override
    public Void visitAnnotation(AnnotationTree tree, TreePath path) {
        w("@");
        type(path, tree.getAnnotationType());
        if (!tree.getArguments().isEmpty()) {
            w("(");
            for (int i = 0; i < tree.getArguments().size(); i++) {
                if (i > 0) {
                    w(", ");
                }
                Tree argument = tree.getArguments().get(i);
                if (argument instanceof AssignmentTree
                        && ((AssignmentTree) argument).getVariable() instanceof IdentifierTree) {
                    // An element name, never rewritten.
                    AssignmentTree assignment = (AssignmentTree) argument;
                    w(((IdentifierTree) assignment.getVariable()).getName());
                    w(" = ");
                    print(child(path, argument), assignment.getExpression());
                } else {
                    print(path, argument);
                }
            }
            w(")");
        }
        return null;
    }

    /** Annotations, then flags in the usual order, each followed by a space (annotations by a line if asked). */
    final void modifiers(TreePath parent, ModifiersTree modifiers, boolean annotationsOnOwnLine, boolean flags) {
        modifiers(parent, modifiers, annotationsOnOwnLine, flags, null);
    }

    private void modifiers(TreePath parent, ModifiersTree modifiers, boolean annotationsOnOwnLine, boolean flags,
            Modifier implicit) {
        TreePath path = child(parent, modifiers);
        for (AnnotationTree annotation : modifiers.getAnnotations()) {
            print(path, annotation);
            if (annotationsOnOwnLine) {
                nl();
            } else {
                w(" ");
            }
        }
        if (flags) {
            List<Modifier> sorted = new ArrayList<>(modifiers.getFlags());
            sorted.sort(Comparator.comparingInt(PrinterTypes::modifierRank));
            sorted.remove(implicit);
            for (Modifier modifier : sorted) {
                w(modifier.toString());
                w(" ");
            }
        }
    }

    private static int modifierRank(Modifier modifier) {
        int rank = MODIFIER_ORDER.indexOf(modifier.toString());
        return rank >= 0 ? rank : MODIFIER_ORDER.size() + modifier.ordinal();
    }

    @Override
    public Void visitModifiers(ModifiersTree tree, TreePath path) {
        modifiers(path.getParentPath(), tree, false, true);
        return null;
    }

    // ---------------------------------------------------------------- variables

    /**
     * {@code modifiers type name = initializer}, without a semicolon. Declares the name first if {@code declare}
     * (a variable is in scope in its own initializer).
     */
    final void variable(TreePath path, VariableKind kind, boolean declare, boolean lastParameter) {
        VariableTree variable = (VariableTree) path.getLeaf();
        boolean flags = kind != VariableKind.RECORD_COMPONENT;
        modifiers(path, variable.getModifiers(), false, flags, kind == VariableKind.RESOURCE ? Modifier.FINAL : null);
        Tree type = variable.getType();
        if (type == null || isVarIdentifier(type)) {
            w("var");
        } else if (lastParameter && isVarargs(variable)) {
            arrayType(child(path, type), true);
        } else {
            type(path, type);
        }
        w(" ");
        w(variable.getName());
        if (declare) {
            scope.declareVariable(variable.getName());
        }
        if (variable.getInitializer() != null) {
            w(" = ");
            print(path, variable.getInitializer());
        }
    }

    static boolean isVarIdentifier(Tree type) {
        return type instanceof IdentifierTree && ((IdentifierTree) type).getName().contentEquals("var");
    }

    /** Whether a lambda parameter has neither a type nor {@code var}: {@code x -> ...}. */
    final boolean isImplicitLambdaParameter(VariableTree parameter) {
        return parameter.getType() == null && parameter.getModifiers().getFlags().isEmpty()
                && parameter.getModifiers().getAnnotations().isEmpty() && !writtenWithVar(parameter);
    }

    /** {@code (A a, B b)}, declaring the names in the current frame. */
    final void parameters(TreePath parent, List<? extends VariableTree> parameters, VariableKind kind) {
        w("(");
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                w(", ");
            }
            variable(child(parent, parameters.get(i)), kind, true, i == parameters.size() - 1);
        }
        w(")");
    }
}
