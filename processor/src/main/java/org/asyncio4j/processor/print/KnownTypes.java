package org.asyncio4j.processor.print;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.Companions;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The static types of the expressions whose type the processor can tell without javac (bodies are not attributed
 * during processing), so that {@link AwaitReads} reads an await's outcome or a saved value with a plain cast instead
 * of a type witness that javac must attribute (issue #14: no dead expressions where a declared type would do).
 * <pre>{@code
 * static Future<Integer> now(int x)   (a method of the class)
 * int t = 1 + await(now(2));          ===>  t = 1 + awaitedInt(task);                      (was: awaitedValue(task, false ? now(2) : null))
 * f(tr(a), await(later(1)));          ===>  f((int) saved1, awaitedValue(task)...)          (was: spilled(saved1, () -> tr(a)))
 * }</pre>
 * Known are: the result of awaiting a companion's entry point ({@code await(PAsync.m(x))}, the {@code @Async}
 * method's return type); literals, string concatenations with a known {@code String} operand, and calls of a method of the class, unqualified or through the class's simple name, when every
 * method of that name the class has is not generic and all return the same type, one that the generated code can
 * name (no type variables, wildcards or inaccessible classes). A cast is written only to a type that needs no
 * unchecked conversion ({@link #castable}); a saved value of a generic type is kept in a slot of its type instead
 * ({@link SavedSlots}). Anything else is unknown (null): it is read through its witness as before. Not thread-safe;
 * one per method.
 */
public final class KnownTypes {
    private static final List<String> AWAITABLES = List.of("org.asyncio4j.Coroutine", "org.asyncio4j.Future",
            "java.util.concurrent.CompletionStage", "org.asyncio4j.Awaitable");

    private final Elements elements;
    private final Types types;
    private final TypeElement owner;
    private final BodyScan scan;
    private final CompilationUnitTree unit;
    private final Companions companions;
    private final Map<String, Optional<TypeMirror>> returnTypes = new HashMap<>();

    public KnownTypes(Elements elements, Types types, TypeElement owner, BodyScan scan, CompilationUnitTree unit,
            Companions companions) {
        this.companions = companions;
        this.elements = elements;
        this.types = types;
        this.owner = owner;
        this.scan = scan;
        this.unit = unit;
    }

    Types types() {
        return types;
    }

    /** The type of {@code expression}, or null if the processor cannot tell it. */
    TypeMirror typeOf(Tree expression) {
        Tree bare = AwaitCalls.stripParentheses(expression);
        switch (bare.getKind()) {
            case INT_LITERAL: return types.getPrimitiveType(TypeKind.INT);
            case LONG_LITERAL: return types.getPrimitiveType(TypeKind.LONG);
            case FLOAT_LITERAL: return types.getPrimitiveType(TypeKind.FLOAT);
            case DOUBLE_LITERAL: return types.getPrimitiveType(TypeKind.DOUBLE);
            case BOOLEAN_LITERAL: return types.getPrimitiveType(TypeKind.BOOLEAN);
            case CHAR_LITERAL: return types.getPrimitiveType(TypeKind.CHAR);
            case STRING_LITERAL: return elements.getTypeElement("java.lang.String").asType();
            case METHOD_INVOCATION: return callType((MethodInvocationTree) bare);
            case PLUS: // string concatenation if either side is a String
                com.sun.source.tree.BinaryTree plus = (com.sun.source.tree.BinaryTree) bare;
                TypeMirror string = elements.getTypeElement("java.lang.String").asType();
                return isString(plus.getLeftOperand(), string) || isString(plus.getRightOperand(), string)
                        ? string : null;
            default: return null;
        }
    }

    private boolean isString(Tree operand, TypeMirror string) {
        TypeMirror type = typeOf(operand);
        return type != null && types.isSameType(type, string);
    }

    /**
     * The result type {@code R} of {@code await(awaitable)} ({@code Integer} for a {@code Future<Integer>}), or null
     * if the processor cannot tell it or it is not a type to cast to.
     */
    TypeMirror awaitedType(Tree awaitable) {
        TypeMirror type = typeOf(awaitable);
        if (type == null) {
            return companionResult(awaitable);
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        Deque<TypeMirror> toVisit = new ArrayDeque<>(List.of(type));
        while (!toVisit.isEmpty()) {
            TypeMirror next = toVisit.pop();
            if (next.getKind() != TypeKind.DECLARED) {
                continue;
            }
            DeclaredType declared = (DeclaredType) next;
            String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
            if (AWAITABLES.contains(name)) {
                if (declared.getTypeArguments().size() != 1) {
                    return null;
                }
                TypeMirror result = declared.getTypeArguments().get(0);
                return (result.getKind() == TypeKind.DECLARED || result.getKind() == TypeKind.ARRAY)
                        && nameable(result) ? result : null;
            }
            toVisit.addAll(types.directSupertypes(next));
        }
        return null;
    }

    /**
     * The result of awaiting {@code OwnerAsync.m(..)}, a companion's entry point (perhaps generated in this round):
     * the {@code @Async} method's return type, boxed, if it is the only {@code m} and not generic.
     */
    private TypeMirror companionResult(Tree awaitable) {
        List<ExecutableElement> targets = companions.asyncMethodsCalledBy(awaitable);
        if (targets.size() != 1 || !targets.get(0).getTypeParameters().isEmpty()) {
            return null;
        }
        TypeMirror result = targets.get(0).getReturnType();
        if (result.getKind() == TypeKind.VOID) {
            return elements.getTypeElement("java.lang.Void").asType();
        }
        if (result.getKind().isPrimitive()) {
            return types.boxedClass((javax.lang.model.type.PrimitiveType) result).asType();
        }
        return (result.getKind() == TypeKind.DECLARED || result.getKind() == TypeKind.ARRAY) && nameable(result)
                ? result : null;
    }

    /** {@code now(x)} or {@code Owner.now(x)}: the one return type of the class's methods of that name. */
    private TypeMirror callType(MethodInvocationTree call) {
        if (!call.getTypeArguments().isEmpty()) {
            return null;
        }
        Tree select = call.getMethodSelect();
        String name;
        if (select instanceof IdentifierTree) {
            name = ((IdentifierTree) select).getName().toString();
        } else if (select instanceof MemberSelectTree
                && ((MemberSelectTree) select).getExpression() instanceof IdentifierTree
                && isOwnerName((IdentifierTree) ((MemberSelectTree) select).getExpression())) {
            name = ((MemberSelectTree) select).getIdentifier().toString();
        } else {
            return null;
        }
        return returnTypes.computeIfAbsent(name, n -> Optional.ofNullable(uniqueReturnType(n))).orElse(null);
    }

    /** {@code Owner} in {@code Owner.m()}: the class's simple name, not obscured by a local or a field (JLS 6.4.2). */
    private boolean isOwnerName(IdentifierTree qualifier) {
        String name = qualifier.getName().toString();
        return owner.getSimpleName().contentEquals(name) && scan.resolve(qualifier) == null
                && ElementFilter.fieldsIn(elements.getAllMembers(owner)).stream()
                        .noneMatch(f -> f.getSimpleName().contentEquals(name));
    }

    private TypeMirror uniqueReturnType(String name) {
        TypeMirror found = null;
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(owner))) {
            if (!method.getSimpleName().contentEquals(name)) {
                continue;
            }
            TypeMirror returned = method.getReturnType();
            if (!method.getTypeParameters().isEmpty() || !nameable(returned)
                    || (found != null && !types.isSameType(found, returned))) {
                return null;
            }
            found = returned;
        }
        return found;
    }

    /**
     * Whether generated code can write {@code type}: a primitive, an accessible class with such type arguments (no
     * wildcards, no type variables, not raw), or an array of those.
     */
    private boolean nameable(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN: case BYTE: case SHORT: case CHAR: case INT: case LONG: case FLOAT: case DOUBLE:
                return true;
            case ARRAY:
                return nameable(((ArrayType) type).getComponentType());
            case DECLARED:
                DeclaredType declared = (DeclaredType) type;
                if (declared.getEnclosingType().getKind() != TypeKind.NONE && !((TypeElement) declared.asElement())
                        .getModifiers().contains(Modifier.STATIC)) {
                    return false; // an inner class: Outer<T>.Inner would need the outer type's arguments
                }
                if (declared.getTypeArguments().size()
                        != ((TypeElement) declared.asElement()).getTypeParameters().size()) {
                    return false; // a raw type: -Xlint:rawtypes would warn about the generated code
                }
                for (TypeMirror argument : declared.getTypeArguments()) {
                    if (!nameable(argument) || argument.getKind().isPrimitive()) {
                        return false;
                    }
                }
                return accessible((TypeElement) declared.asElement());
            default:
                return false;
        }
    }

    /**
     * Whether {@code type} can be written in a cast without a warning: a primitive, a class without type parameters
     * but {@code Object}, or an array of those (what {@link #typeOf} finds may also be an awaitable such as {@code Future<Integer>}).
     */
    static boolean castable(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return castable(((ArrayType) type).getComponentType());
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        // not Object: a cast of an Object slot to Object is redundant, and -Xlint:cast says so
        return ((DeclaredType) type).getTypeArguments().isEmpty() && element.getTypeParameters().isEmpty()
                && !element.getQualifiedName().contentEquals("java.lang.Object");
    }

    /** Whether the companion (in the owner's package) can name {@code type}. */
    private boolean accessible(TypeElement type) {
        PackageElement ownPackage = elements.getPackageOf(owner);
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            java.util.Set<Modifier> modifiers = e.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE)
                    || (!modifiers.contains(Modifier.PUBLIC) && !elements.getPackageOf(e).equals(ownPackage))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code type} as generated code writes it: {@code int}, {@code Integer} (a top-level {@code java.lang} class whose
     * simple name nothing in the file or package shadows), else the canonical name ({@code demo.P.Item}).
     */
    String sourceText(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return type.getKind().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return sourceText(((ArrayType) type).getComponentType()) + "[]";
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        String simple = element.getSimpleName().toString();
        if (element.getNestingKind() == NestingKind.TOP_LEVEL
                && elements.getPackageOf(element).getQualifiedName().contentEquals("java.lang")
                && !shadowed(simple)) {
            return simple;
        }
        return element.getQualifiedName().toString();
    }

    private final Map<String, Boolean> shadowed = new HashMap<>();

    /** Whether a simple name may mean something else than its {@code java.lang} class in the generated file. */
    private boolean shadowed(String simple) {
        return shadowed.computeIfAbsent(simple, name -> {
            for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
                if (e.getSimpleName().contentEquals(name) || ElementFilter.typesIn(elements.getAllMembers(
                        (TypeElement) e)).stream().anyMatch(t -> t.getSimpleName().contentEquals(name))) {
                    return true;
                }
            }
            String own = elements.getPackageOf(owner).getQualifiedName().toString();
            if (elements.getTypeElement(own.isEmpty() ? name : own + "." + name) != null) {
                return true;
            }
            for (ImportTree imported : unit.getImports()) {
                Tree what = imported.getQualifiedIdentifier();
                if (what instanceof MemberSelectTree && ((MemberSelectTree) what).getIdentifier().contentEquals(name)
                        && !what.toString().equals("java.lang." + name)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The {@code Unboxing} suffix for a boxed primitive type ({@code Int} for {@code Integer}), or null. */
    String unboxedSuffix(TypeMirror type) {
        try {
            String kind = types.unboxedType(type).getKind().name().toLowerCase(java.util.Locale.ROOT);
            return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        } catch (IllegalArgumentException notBoxed) {
            return null;
        }
    }
}
