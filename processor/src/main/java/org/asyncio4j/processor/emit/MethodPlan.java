package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.lower.FrameNames;
import org.asyncio4j.processor.lower.LocalTypes;
import org.asyncio4j.processor.lower.Lowering;
import org.asyncio4j.processor.print.AwaitReads;
import org.asyncio4j.processor.print.FieldTypes;
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
 * <p>Built once by the {@code Pipeline} from the records the passes produce ({@link Signature}, {@link FrameNames},
 * the {@link Lowering.Result}) and the printer of the copied code; the writer only reads it. Immutable but for the
 * name allocator {@link #freshNames}, which goes on handing out names while the writer writes.
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

    final String fileName;
    final String signature;
    final long declarationLine;
    /** The line of the method's return type and name (after its annotations): its code that is no statement's. */
    final long headerLine;
    final String className;
    final String entryName;
    final Modifier[] entryModifiers;
    final boolean varargs;
    final List<TypeVariableName> typeVariables;
    final TypeName resultType;
    /** Whether the template is an async generator's ({@code resultType} is then the element type). */
    final boolean generator;
    /** The method's return type if it is primitive (its results pass frame-less calls unboxed), else null. */
    final TypeKind primitiveResult;
    /** The receiver field and entry-point parameter; null for a static method. */
    final String receiver;
    final String receiverParameter;
    final TypeName receiverType;
    final List<Parameter> parameters;
    final String stateField;
    final String dispatchLabel;
    /** The frame-less body's parameters: its frame ({@code null} until it first suspends) and its task. */
    final String frameVar;
    final String taskVar;
    /**
     * Whether an awaited expression is a direct call {@code OwnerAsync.m(..)} of an {@code @Async} method whose
     * companion has the frame-less entry {@code m$await}.
     */
    final java.util.function.Predicate<Tree> framelessCall;
    final Lowering.Result lowered;
    final Set<LocalVar> fields;
    final Map<LocalVar, String> names;
    final SourcePrinter printer;
    final AwaitReads reads;
    final com.sun.source.util.SourcePositions positions;
    final MemberResolver resolver;
    final FrameNames.Names freshNames;
    final Elements elements;
    final TypeElement owner;
    /** The types of locals (from {@code Trees.getScope}), for fields and opaque initializers. */
    final LocalTypes scopeType;
    /** What {@code @SuppressWarnings} on the template's method and enclosing classes names. */
    final List<String> userSuppressions;
    final BodyScan scan;

    /**
     * The plan of one method, from the passes' results: its signature, the frame's names, the lowered blocks and the
     * hoisted {@code fields}, and the printer of its copied code ({@code printer}, with {@code resolver} and
     * {@code reads} behind it).
     */
    public MethodPlan(Template template, Signature signature, FrameNames frame, Lowering.Result lowered,
            Set<LocalVar> fields, SourcePrinter printer, MemberResolver resolver, AwaitReads reads) {
        this.fileName = signature.fileName();
        this.signature = signature.text();
        this.declarationLine = signature.declarationLine();
        this.headerLine = signature.headerLine();
        this.entryName = signature.entryName();
        this.entryModifiers = signature.entryModifiers().toArray(new Modifier[0]);
        this.varargs = signature.varargs();
        this.typeVariables = signature.typeVariables();
        this.resultType = signature.resultType();
        this.generator = signature.generator();
        this.primitiveResult = signature.primitiveResult();
        this.receiverType = signature.receiverType();
        this.parameters = signature.parameters();
        this.className = frame.className();
        this.receiver = frame.receiver();
        this.receiverParameter = frame.receiver();
        this.stateField = frame.stateField();
        this.dispatchLabel = frame.dispatchLabel();
        this.frameVar = frame.frameVar();
        this.taskVar = frame.taskVar();
        this.names = frame.locals();
        this.freshNames = frame.fresh();
        this.lowered = lowered;
        this.fields = java.util.Collections.unmodifiableSet(fields);
        this.printer = printer;
        this.resolver = resolver;
        this.reads = reads;
        this.framelessCall = template.framelessCall();
        this.positions = template.positions();
        this.elements = template.elements();
        this.owner = template.owner();
        this.scopeType = template.localTypes();
        this.userSuppressions = template.userSuppressions();
        this.scan = template.scan();
    }

    /**
     * What the plan takes from the template beyond the passes' results: where it is, its types and suppressions.
     *
     * @param framelessCall whether an awaited call has a frame-less entry ({@code Companions#hasFramelessEntry})
     */
    public record Template(com.sun.source.util.SourcePositions positions, Elements elements, TypeElement owner,
            BodyScan scan, LocalTypes localTypes, List<String> userSuppressions,
            java.util.function.Predicate<Tree> framelessCall) {
        public Template {
            userSuppressions = List.copyOf(userSuppressions);
        }
    }

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

    /** The type of a frame field, see {@link FieldTypes#fieldType}. */
    TypeName fieldType(LocalVar var) {
        return FieldTypes.fieldType(var, printer, scopeType);
    }

    /**
     * The type to declare a block-local variable with: the source text when the template wrote one, {@code var}
     * when javac can infer it from the initializer, the real type when the value is opaque to javac
     * ({@code awaitedValue(task)}, a loop cursor's element).
     */
    Code localType(LocalVar var, boolean opaque) {
        VariableTree tree = var.tree();
        if (!LocalVar.isImplicit(tree)) {
            return Code.of("$L", printer.print(new TreePath(var.declaration, tree.getType())));
        }
        return opaque ? Code.of("$T", TypeName.get(scopeType.typeOf(var))) : Code.of("var");
    }

    boolean isPrimitive(LocalVar var) {
        return primitiveKind(var) != null;
    }

    /**
     * {@code return value;} in the body, for a method returning a primitive: {@code resultInt(frame, task, value)}
     * (byte, short and char values are passed as an {@code int}, so constants need no cast).
     */
    String unboxedReturn(String value) {
        return unboxedReturn(primitiveResult, frameVar, taskVar, value);
    }

    /** {@link #unboxedReturn(String)} for a method returning the primitive {@code result}. */
    static String unboxedReturn(TypeKind result, String frameVar, String taskVar, String value) {
        return "result" + capitalized(result) + "(" + frameVar + ", " + taskVar + ", " + value + ")";
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
        if (LocalVar.isImplicit(tree)) {
            TypeKind kind = scopeType.typeOf(var).getKind();
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
