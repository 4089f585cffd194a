package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.MethodTransformer;
import org.asyncio4j.processor.lower.Lowering;
import org.asyncio4j.processor.print.MemberResolver;
import org.asyncio4j.processor.print.SourcePrinter;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Everything the writer needs to emit one {@code @Async} method: names, types and the lowered blocks.
 *
 * <p>Built by {@link MethodTransformer}; the writer only reads it. Names are final (allocated once so that no
 * generated name can capture or shadow a user's name).
 */
public final class MethodPlan {
    /** A parameter of the template: a constructor parameter and field of the state machine. */
    public static final class Parameter {
        public final String name;
        final String originalName;
        final TypeName type;
        public final boolean reassigned;

        public Parameter(String name, TypeName type, boolean reassigned) {
            this.name = name;
            this.originalName = name;
            this.type = type;
            this.reassigned = reassigned;
        }
    }

    public String fileName;
    public String signature;
    public long declarationLine;
    public String className;
    public String entryName;
    public Modifier[] entryModifiers;
    public boolean varargs;
    public List<TypeVariableName> typeVariables;
    public TypeName resultType;
    /** The method's return type if it is primitive (its results pass frame-less calls unboxed), else null. */
    public TypeKind primitiveResult;
    /** The receiver field and entry-point parameter; null for a static method. */
    public String receiver;
    public String receiverParameter;
    public TypeName receiverType;
    public List<Parameter> parameters;
    public String stateField;
    public String dispatchLabel;
    /** The frame-less body's parameters: its frame ({@code null} until it first suspends) and its task. */
    public String frameVar;
    public String taskVar;
    /**
     * Whether an awaited expression is a direct call {@code OwnerAsync.m(..)} of an {@code @Async} method whose
     * companion has the frame-less entry {@code m$await}.
     */
    public java.util.function.Predicate<Tree> framelessCall = tree -> false;
    public Lowering.Result lowered;
    public Set<LocalVar> fields;
    public Map<LocalVar, String> names;
    public SourcePrinter printer;
    public com.sun.source.util.SourcePositions positions;
    public MemberResolver resolver;
    public MethodTransformer.Names freshNames;
    public Elements elements;
    public TypeElement owner;
    /** The type of a local (from {@code Trees.getScope}), for fields and opaque initializers. */
    public Function<LocalVar, TypeMirror> scopeType;
    /** What {@code @SuppressWarnings} on the template's method and enclosing classes names. */
    public List<String> userSuppressions = List.of();
    public BodyScan scan;

    /** The user's line of a tree, or -1. */
    long lineOf(TreePath path) {
        long start = positions.getStartPosition(path.getCompilationUnit(), path.getLeaf());
        return start < 0 ? -1 : path.getCompilationUnit().getLineMap().getLineNumber(start);
    }

    String location(long line) {
        return fileName + ":" + line;
    }

    public String name(LocalVar var) {
        String name = names.get(var);
        if (name == null) {
            throw new IllegalStateException("no generated name for " + var);
        }
        return name;
    }

    boolean isField(LocalVar var) {
        return fields.contains(var);
    }

    String print(TreePath path) {
        return printer.print(path);
    }

    public TypeName fieldType(LocalVar var) {
        if (var.declaration == null) {
            return StateMachineWriter.iteratorType();
        }
        VariableTree tree = var.tree();
        if (var.kind != LocalVar.Kind.PARAMETER && !isImplicit(tree)
                && !(tree.getType() instanceof com.sun.source.tree.UnionTypeTree)) {
            // The type as the user wrote it (names rewritten as in any copied code): no Trees.getScope call, which
            // attributes the body up to that point and dominates the processor's compile time. JavaPoet writes a
            // type variable's name verbatim, which is what this needs.
            return com.palantir.javapoet.TypeVariableName.get(
                    printer.print(new TreePath(var.declaration, tree.getType())));
        }
        return TypeName.get(scopeType.apply(var));
    }

    /**
     * The type to declare a block-local variable with: the source text when the template wrote one, {@code var}
     * when javac can infer it from the initializer, the real type when the value is opaque to javac
     * ({@code awaitedValue(task)}, a loop cursor's element).
     */
    Code localType(LocalVar var, boolean opaque) {
        VariableTree tree = var.tree();
        if (!isImplicit(tree)) {
            return Code.of("$L", printer.print(new TreePath(var.declaration, tree.getType())));
        }
        return opaque ? Code.of("$T", TypeName.get(scopeType.apply(var))) : Code.of("var");
    }

    public static boolean isImplicit(VariableTree tree) {
        Tree type = tree.getType();
        return type == null || (type instanceof IdentifierTree && ((IdentifierTree) type).getName().contentEquals("var"));
    }

    boolean isPrimitive(LocalVar var) {
        return primitiveKind(var) != null;
    }

    /**
     * {@code return value;} in the body, for a method returning a primitive: {@code resultInt(frame, task, value)}
     * (byte, short and char values are passed as an {@code int}, so constants need no cast).
     */
    String unboxedReturn(String value) {
        return "result" + capitalized(primitiveResult) + "(" + frameVar + ", " + taskVar + ", " + value + ")";
    }

    /** The read of an await's outcome into the primitive of this {@code Unboxing} method: {@code awaitedInt(task)}. */
    String awaitedPrimitive(String unboxer) {
        return "awaited" + unboxer.substring("to".length()) + "(" + taskVar + ")";
    }

    /** The {@code Unboxing} method for a primitive local. */
    String unboxer(LocalVar var) {
        return unboxer(primitiveKind(var));
    }

    /** The {@code Unboxing} method for an assignment target ({@code x} or {@code this.x}), or null. */
    String unboxerOfTarget(TreePath target) {
        Tree leaf = target.getLeaf();
        if (leaf instanceof IdentifierTree) {
            LocalVar var = scan.resolve(leaf);
            if (var != null) {
                return isPrimitive(var) ? unboxer(var) : null;
            }
        }
        String name = leaf instanceof MemberSelectTree ? ((MemberSelectTree) leaf).getIdentifier().toString()
                : ((IdentifierTree) leaf).getName().toString();
        for (Element field : ElementFilter.fieldsIn(elements.getAllMembers(owner))) {
            if (field.getSimpleName().contentEquals(name) && field.getKind() == ElementKind.FIELD) {
                TypeKind kind = field.asType().getKind();
                return kind.isPrimitive() ? unboxer(kind) : null;
            }
        }
        return null;
    }

    private TypeKind primitiveKind(LocalVar var) {
        if (var.declaration == null) {
            return null;
        }
        VariableTree tree = var.tree();
        if (tree.getType() instanceof PrimitiveTypeTree) {
            return ((PrimitiveTypeTree) tree.getType()).getPrimitiveTypeKind();
        }
        if (isImplicit(tree)) {
            TypeKind kind = scopeType.apply(var).getKind();
            return kind.isPrimitive() ? kind : null;
        }
        return null;
    }

    static String unboxer(TypeKind kind) {
        return "to" + capitalized(kind);
    }

    /** {@code Int} for {@code INT}. */
    private static String capitalized(TypeKind kind) {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
