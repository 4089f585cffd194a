package org.asyncio4j.processor;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.SimpleTreeVisitor;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * The declaration half of {@link SourcePrinter}'s visitor: output buffer, scope, types, modifiers, annotations,
 * variables, and the classes and methods declared inside printed code. {@link SourcePrinter} adds statements and
 * expressions.
 *
 * <p>Every {@code visitXxx} and helper receives the {@link TreePath} of the tree it prints; children are printed with
 * {@link #print(TreePath, Tree)}, which extends the path, so the hooks of {@link NameRewriter} always see real paths.
 * The visitor extends {@link SimpleTreeVisitor}, so a tree kind added by a newer javac reaches
 * {@link #defaultAction} and becomes an {@link UnsupportedTreeException} instead of an {@code AbstractMethodError}.
 *
 * <p>Not thread-safe; one instance per {@code print} call.
 */
abstract class PrinterCore extends SimpleTreeVisitor<Void, TreePath> {
    /** The places a {@link VariableTree} can appear in; they differ in {@code var}, varargs and modifiers. */
    enum VariableKind { LOCAL, FIELD, PARAMETER, LAMBDA_PARAMETER, RECORD_COMPONENT, BINDING }

    private static final List<String> MODIFIER_ORDER = List.of("public", "protected", "private", "abstract",
            "default", "static", "sealed", "non-sealed", "final", "transient", "volatile", "synchronized", "native",
            "strictfp");

    final NameRewriter rewriter;
    final PrinterScope scope = new PrinterScope();
    private final CompilationUnitTree unit;
    private final SourcePositions positions;
    private final StringBuilder out = new StringBuilder();
    private int indent;
    private CharSequence source;
    private boolean sourceLoaded;

    PrinterCore(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions, int indentLevel) {
        this.rewriter = rewriter;
        this.unit = unit;
        this.positions = positions;
        this.indent = indentLevel;
        out.append(" ".repeat(4 * indentLevel));
    }

    String text() {
        return out.toString();
    }

    // ---------------------------------------------------------------- output

    final void w(CharSequence text) {
        out.append(text);
    }

    /** Starts a new line at the current indentation. */
    final void nl() {
        out.append('\n').append(" ".repeat(4 * indent));
    }

    final void indent() {
        indent++;
    }

    final void outdent() {
        indent--;
    }

    /** The current output length; with {@link #insert} this lets a caller fix up text after printing it. */
    final int mark() {
        return out.length();
    }

    final char charAt(int index) {
        return index < out.length() ? out.charAt(index) : '\0';
    }

    final void insert(int index, String text) {
        out.insert(index, text);
    }

    final TreePath child(TreePath parent, Tree child) {
        return new TreePath(parent, child);
    }

    /** Prints {@code child} of the tree at {@code parent}, in expression or statement position. */
    final void print(TreePath parent, Tree child) {
        child.accept(this, child(parent, child));
    }

    final void printAll(TreePath parent, List<? extends Tree> children, String separator) {
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                w(separator);
            }
            print(parent, children.get(i));
        }
    }

    @Override
    protected Void defaultAction(Tree tree, TreePath path) {
        throw new UnsupportedTreeException(tree, describe(tree));
    }

    private static String describe(Tree tree) {
        String kind = tree.getKind().name();
        switch (kind) {
            case "ERRONEOUS":
                return "code with a syntax error";
            case "DECONSTRUCTION_PATTERN":
            case "RECORD_PATTERN":
                return "a record pattern";
            case "ANY_PATTERN":
                return "an unnamed pattern";
            case "STRING_TEMPLATE":
            case "TEMPLATE":
                return "a string template";
            default:
                return "a " + kind.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    // ---------------------------------------------------------------- source text

    private CharSequence source() {
        if (!sourceLoaded) {
            sourceLoaded = true;
            try {
                source = unit.getSourceFile().getCharContent(true);
            } catch (IOException | RuntimeException e) {
                source = null; // Only cosmetic decisions depend on the text; print without it.
            }
        }
        return source;
    }

    /** The source text of {@code tree}, or {@code null} when positions or text are unavailable. */
    final String sourceText(Tree tree) {
        CharSequence text = source();
        if (text == null || positions == null) {
            return null;
        }
        long start = positions.getStartPosition(unit, tree);
        long end = positions.getEndPosition(unit, tree);
        if (start < 0 || end < start || end > text.length()) {
            return null;
        }
        return text.subSequence((int) start, (int) end).toString();
    }

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
            sorted.sort(Comparator.comparingInt(PrinterCore::modifierRank));
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
        modifiers(path, variable.getModifiers(), false, flags);
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

    // ---------------------------------------------------------------- classes and methods

    @Override
    public Void visitClass(ClassTree tree, TreePath path) {
        scope.declareType(tree.getSimpleName());
        modifiers(path, tree.getModifiers(), true, true);
        switch (tree.getKind()) {
            case INTERFACE:
                w("interface ");
                break;
            case ENUM:
                w("enum ");
                break;
            case ANNOTATION_TYPE:
                w("@interface ");
                break;
            case RECORD:
                w("record ");
                break;
            default:
                w("class ");
                break;
        }
        w(tree.getSimpleName());
        scope.pushClassBody();
        declareMembers(tree);
        typeParameters(path, tree.getTypeParameters());
        if (tree.getKind() == Tree.Kind.RECORD) {
            List<VariableTree> components = recordComponents(tree);
            w("(");
            for (int i = 0; i < components.size(); i++) {
                if (i > 0) {
                    w(", ");
                }
                variable(child(path, components.get(i)), VariableKind.RECORD_COMPONENT, false,
                        i == components.size() - 1);
            }
            w(")");
        }
        if (tree.getExtendsClause() != null) {
            w(" extends ");
            type(path, tree.getExtendsClause());
        }
        if (!tree.getImplementsClause().isEmpty()) {
            w(tree.getKind() == Tree.Kind.INTERFACE ? " extends " : " implements ");
            types(path, tree.getImplementsClause(), ", ");
        }
        if (!tree.getPermitsClause().isEmpty()) {
            w(" permits ");
            types(path, tree.getPermitsClause(), ", ");
        }
        w(" ");
        classBody(path);
        scope.pop();
        return null;
    }

    /** The body of an anonymous class (the leaf of {@code path} is its {@link ClassTree}), in a class frame. */
    final void anonymousClassBody(TreePath path) {
        scope.pushClassBody();
        declareMembers((ClassTree) path.getLeaf());
        classBody(path);
        scope.pop();
    }

    /** All members are in scope in the whole body, so declare them before printing any. */
    private void declareMembers(ClassTree tree) {
        for (TypeParameterTree parameter : tree.getTypeParameters()) {
            scope.declareType(parameter.getName());
        }
        for (Tree member : tree.getMembers()) {
            if (member instanceof VariableTree) {
                scope.declareVariable(((VariableTree) member).getName());
            } else if (member instanceof MethodTree && !((MethodTree) member).getName().contentEquals("<init>")) {
                scope.declareMethod(((MethodTree) member).getName());
            } else if (member instanceof ClassTree) {
                scope.declareType(((ClassTree) member).getSimpleName());
            }
        }
        if (tree.getKind() == Tree.Kind.RECORD) {
            for (VariableTree component : recordComponents(tree)) {
                scope.declareMethod(component.getName()); // the implicit accessor
            }
        } else if (tree.getKind() == Tree.Kind.ENUM) {
            scope.declareMethod("values");
            scope.declareMethod("valueOf");
        }
    }

    /** Record components are the record's instance fields: a record cannot declare others. */
    private static List<VariableTree> recordComponents(ClassTree record) {
        List<VariableTree> components = new ArrayList<>();
        for (Tree member : record.getMembers()) {
            if (member instanceof VariableTree
                    && !((VariableTree) member).getModifiers().getFlags().contains(Modifier.STATIC)) {
                components.add((VariableTree) member);
            }
        }
        return components;
    }

    /**
     * An enum constant: javac models {@code A(1) {..}} as a field {@code E A = new E(1) {..}}. A user cannot write
     * {@code new E(..)} for an enum, so such a field in an enum body is a constant.
     */
    private static boolean isEnumConstant(ClassTree owner, Tree member) {
        if (owner.getKind() != Tree.Kind.ENUM || !(member instanceof VariableTree)) {
            return false;
        }
        Tree initializer = ((VariableTree) member).getInitializer();
        if (!(initializer instanceof NewClassTree)) {
            return false;
        }
        NewClassTree creation = (NewClassTree) initializer;
        return creation.getEnclosingExpression() == null && creation.getIdentifier() instanceof IdentifierTree
                && ((IdentifierTree) creation.getIdentifier()).getName().contentEquals(owner.getSimpleName());
    }

    private void classBody(TreePath path) {
        ClassTree tree = (ClassTree) path.getLeaf();
        List<Tree> constants = new ArrayList<>();
        List<Tree> members = new ArrayList<>();
        List<VariableTree> components = tree.getKind() == Tree.Kind.RECORD ? recordComponents(tree) : List.of();
        for (Tree member : tree.getMembers()) {
            if (isEnumConstant(tree, member)) {
                constants.add(member);
            } else if (!components.contains(member)) {
                members.add(member);
            }
        }
        if (constants.isEmpty() && members.isEmpty()) {
            w("{}");
            return;
        }
        w("{");
        indent();
        for (int i = 0; i < constants.size(); i++) {
            nl();
            enumConstant(child(path, constants.get(i)));
            w(i < constants.size() - 1 ? "," : ";");
        }
        if (constants.isEmpty() && tree.getKind() == Tree.Kind.ENUM && tree.getSimpleName().length() > 0) {
            nl();
            w(";");
        }
        boolean first = constants.isEmpty() && tree.getKind() != Tree.Kind.ENUM;
        for (Tree member : members) {
            if (!first && (member instanceof MethodTree || member instanceof ClassTree)) {
                w("\n"); // an empty line before a method or class, as people write them
            }
            first = false;
            nl();
            TreePath memberPath = child(path, member);
            if (member instanceof VariableTree) {
                variable(memberPath, VariableKind.FIELD, false, false);
                w(";");
            } else if (member instanceof MethodTree) {
                method(memberPath, tree, components);
            } else if (member instanceof BlockTree) {
                if (((BlockTree) member).isStatic()) {
                    w("static ");
                }
                member.accept(this, memberPath);
            } else {
                member.accept(this, memberPath);
            }
        }
        outdent();
        nl();
        w("}");
    }

    private void enumConstant(TreePath path) {
        VariableTree constant = (VariableTree) path.getLeaf();
        modifiers(path, constant.getModifiers(), false, false);
        w(constant.getName());
        TreePath creation = child(path, constant.getInitializer());
        NewClassTree newClass = (NewClassTree) creation.getLeaf();
        if (!newClass.getArguments().isEmpty()) {
            w("(");
            printAll(creation, newClass.getArguments(), ", ");
            w(")");
        }
        if (newClass.getClassBody() != null) {
            w(" ");
            anonymousClassBody(child(creation, newClass.getClassBody()));
        }
    }

    @Override
    public Void visitMethod(MethodTree tree, TreePath path) {
        Tree owner = path.getParentPath() == null ? null : path.getParentPath().getLeaf();
        ClassTree ownerClass = owner instanceof ClassTree ? (ClassTree) owner : null;
        method(path, ownerClass,
                ownerClass != null && ownerClass.getKind() == Tree.Kind.RECORD ? recordComponents(ownerClass)
                        : List.of());
        return null;
    }

    private void method(TreePath path, ClassTree owner, List<VariableTree> recordComponents) {
        MethodTree method = (MethodTree) path.getLeaf();
        boolean constructor = method.getName().contentEquals("<init>");
        modifiers(path, method.getModifiers(), true, true);
        scope.push();
        for (TypeParameterTree parameter : method.getTypeParameters()) {
            scope.declareType(parameter.getName());
        }
        if (!method.getTypeParameters().isEmpty()) {
            typeParameters(path, method.getTypeParameters());
            w(" ");
        }
        if (constructor) {
            w(owner == null ? "<init>" : owner.getSimpleName());
        } else {
            type(path, method.getReturnType());
            w(" ");
            w(method.getName());
        }
        if (constructor && isCompactConstructor(method, recordComponents)) {
            for (VariableTree parameter : method.getParameters()) {
                scope.declareVariable(parameter.getName());
            }
        } else {
            List<VariableTree> parameters = new ArrayList<>();
            if (method.getReceiverParameter() != null) {
                parameters.add(method.getReceiverParameter());
            }
            parameters.addAll(method.getParameters());
            parameters(path, parameters, VariableKind.PARAMETER);
        }
        if (!method.getThrows().isEmpty()) {
            w(" throws ");
            types(path, method.getThrows(), ", ");
        }
        if (method.getDefaultValue() != null) {
            w(" default ");
            print(path, method.getDefaultValue());
        }
        if (method.getBody() == null) {
            w(";");
        } else {
            w(" ");
            print(path, method.getBody());
        }
        scope.pop();
    }

    /**
     * javac's parser gives a compact canonical constructor ({@code R { ... }}) the record's components as parameters,
     * sharing their type trees; a constructor the user wrote with parentheses has its own.
     */
    private static boolean isCompactConstructor(MethodTree constructor, List<VariableTree> components) {
        List<? extends VariableTree> parameters = constructor.getParameters();
        if (components.isEmpty() || parameters.size() != components.size()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).getType() != components.get(i).getType()) {
                return false;
            }
        }
        return true;
    }
}
