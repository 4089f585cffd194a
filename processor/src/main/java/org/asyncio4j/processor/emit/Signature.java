package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.AwaitCalls;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The template's signature as the generated code declares it: the entry point's name, modifiers, type variables and
 * parameters, the boxed result type, and where the template is (for comments and the runtime's diagnostics).
 * <pre>{@code
 * class Greeter<T> {                             entryName "greet", entryModifiers [PUBLIC], varargs false,
 *     @Async public String greet(T who) {...}    typeVariables [T], resultType String, receiverType Greeter<T>,
 * }                                   ===>       parameters [who: T], text "Greeter.greet(T)"
 * }</pre>
 *
 * @param fileName the template's file name, without directories
 * @param text {@code Owner.method(SimpleTypes)}, for comments
 * @param declarationLine the template's line
 * @param headerLine the line of the method's return type and name (after its annotations): its code that is no
 *     statement's (see DebugLines)
 * @param entryName the entry point's name (the template's)
 * @param entryModifiers {@code public} for a public or protected template, else none
 * @param typeVariables the enclosing classes' (for an instance method) and the method's
 * @param resultType the boxed result, {@code Void} for {@code void}
 * @param primitiveResult the result if it is primitive (its results pass frame-less calls unboxed), else null
 * @param receiverType the owner with its type variables; null for a static method
 * @param parameters the template's parameters, named as the body names them
 * @param generator whether the template returns {@code AsyncGenerator<T>}: then {@code resultType} is {@code T}, the
 *     element type (the frame extends {@code AsyncGeneratorMachine<T>}, the entry returns {@code AsyncGenerator<T>})
 */
public record Signature(String fileName, String text, long declarationLine, long headerLine, String entryName,
        List<Modifier> entryModifiers, boolean varargs, List<TypeVariableName> typeVariables, TypeName resultType,
        TypeKind primitiveResult, TypeName receiverType, List<MethodPlan.Parameter> parameters, boolean generator) {
    public Signature {
        entryModifiers = List.copyOf(entryModifiers);
        typeVariables = List.copyOf(typeVariables);
        parameters = List.copyOf(parameters);
    }

    /** The signature of {@code method}, whose body {@code scan} read; {@code names} names its parameters. */
    public static Signature of(ExecutableElement method, MethodTree tree, CompilationUnitTree unit,
            SourcePositions positions, BodyScan scan, Map<LocalVar, String> names) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        String text = owner.getSimpleName() + "." + method.getSimpleName() + "("
                + method.getParameters().stream().map(p -> simpleNames(TypeName.get(p.asType()).toString()))
                        .collect(Collectors.joining(", ")) + ")";
        long declarationLine = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, tree));
        long returnType = tree.getReturnType() == null ? -1 : positions.getStartPosition(unit, tree.getReturnType());
        long headerLine = returnType < 0 ? declarationLine : unit.getLineMap().getLineNumber(returnType);
        Set<Modifier> modifiers = method.getModifiers();
        List<Modifier> entryModifiers = modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED)
                ? List.of(Modifier.PUBLIC) : List.of();
        List<TypeVariableName> variables = new ArrayList<>();
        TypeName receiverType = null;
        if (!modifiers.contains(Modifier.STATIC)) {
            for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
                ((TypeElement) e).getTypeParameters().forEach(p -> variables.add(TypeVariableName.get(p)));
                if (e.getModifiers().contains(Modifier.STATIC) || e.getKind() != ElementKind.CLASS) {
                    break;
                }
            }
            receiverType = receiverType(owner);
        }
        method.getTypeParameters().forEach(p -> variables.add(TypeVariableName.get(p)));
        TypeMirror result = method.getReturnType();
        boolean generator = AwaitCalls.returnsGenerator(method);
        TypeName resultType = result.getKind() == TypeKind.VOID ? ClassName.get(Void.class)
                : generator ? elementType(result) : TypeName.get(result).box();
        Map<String, LocalVar> byName = new LinkedHashMap<>();
        for (LocalVar var : scan.locals()) {
            if (var.kind == LocalVar.Kind.PARAMETER) {
                byName.put(var.name, var);
            }
        }
        Set<LocalVar> reassigned = reassignedParameters(scan, tree.getBody());
        List<MethodPlan.Parameter> parameters = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            LocalVar var = byName.get(parameter.getSimpleName().toString());
            String name = names.get(var);
            if (name == null) {
                throw new IllegalStateException("no generated name for " + var);
            }
            parameters.add(new MethodPlan.Parameter(name, TypeName.get(parameter.asType()), reassigned.contains(var)));
        }
        return new Signature(fileName(unit), text, declarationLine, headerLine, method.getSimpleName().toString(),
                entryModifiers,
                method.isVarArgs(), variables, resultType, result.getKind().isPrimitive() ? result.getKind() : null,
                receiverType, parameters, generator);
    }


    /** {@code T} of {@code AsyncGenerator<T>} ({@code Object} if raw; the upper bound of a wildcard). */
    private static TypeName elementType(TypeMirror generator) {
        List<? extends TypeMirror> arguments = ((javax.lang.model.type.DeclaredType) generator).getTypeArguments();
        if (arguments.isEmpty()) {
            return ClassName.OBJECT;
        }
        TypeMirror element = arguments.get(0);
        if (element.getKind() == TypeKind.WILDCARD) {
            TypeMirror bound = ((javax.lang.model.type.WildcardType) element).getExtendsBound();
            return bound == null ? ClassName.OBJECT : TypeName.get(bound);
        }
        return TypeName.get(element);
    }

    /**
     * The signature of the state machine of an async lambda in {@code method}: no entry point; the enclosing
     * method's receiver and type variables, plus {@code resultType} if it is a type variable of its own; its
     * parameters are the lambda's captured locals and its own parameters, typed by {@code parameterTypes}.
     */
    public static Signature ofLambda(ExecutableElement method, com.sun.source.util.TreePath lambda,
            CompilationUnitTree unit, SourcePositions positions, BodyScan scan, Map<LocalVar, String> names,
            Map<String, TypeMirror> parameterTypes, TypeName resultType) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        long line = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, lambda.getLeaf()));
        String text = owner.getSimpleName() + "." + method.getSimpleName() + "(..), async lambda";
        List<TypeVariableName> variables = new ArrayList<>();
        TypeName receiverType = null;
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
                ((TypeElement) e).getTypeParameters().forEach(p -> variables.add(TypeVariableName.get(p)));
                if (e.getModifiers().contains(Modifier.STATIC) || e.getKind() != ElementKind.CLASS) {
                    break;
                }
            }
            receiverType = receiverType(owner);
        }
        method.getTypeParameters().forEach(p -> variables.add(TypeVariableName.get(p)));
        if (resultType instanceof TypeVariableName) {
            variables.add((TypeVariableName) resultType);
        }
        Set<LocalVar> reassigned = reassignedParameters(scan,
                ((com.sun.source.tree.LambdaExpressionTree) lambda.getLeaf()).getBody());
        List<MethodPlan.Parameter> parameters = new ArrayList<>();
        for (LocalVar var : scan.locals()) {
            if (var.kind == LocalVar.Kind.PARAMETER) {
                parameters.add(new MethodPlan.Parameter(names.get(var), TypeName.get(parameterTypes.get(var.name)),
                        reassigned.contains(var)));
            }
        }
        return new Signature(fileName(unit), text, line, line, method.getSimpleName().toString(), List.of(), false,
                variables, resultType,
                null, receiverType, parameters, false);
    }

    private static TypeName receiverType(TypeElement owner) {
        ClassName raw = ClassName.get(owner);
        if (owner.getTypeParameters().isEmpty()) {
            return raw;
        }
        return ParameterizedTypeName.get(raw, owner.getTypeParameters().stream().map(TypeVariableName::get)
                .toArray(TypeName[]::new));
    }

    private static Set<LocalVar> reassignedParameters(BodyScan scan, com.sun.source.tree.Tree body) {
        Set<LocalVar> reassigned = new HashSet<>();
        new TreeScanner<Void, Void>() {
            private void target(ExpressionTree variable) {
                if (variable instanceof IdentifierTree) {
                    LocalVar var = scan.resolve(variable);
                    if (var != null && var.kind == LocalVar.Kind.PARAMETER) {
                        reassigned.add(var);
                    }
                }
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                target(node.getVariable());
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                target(node.getVariable());
                return super.visitCompoundAssignment(node, unused);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                target(node.getExpression());
                return super.visitUnary(node, unused);
            }
        }.scan(body, null);
        return reassigned;
    }

    /** {@code java.util.List<java.lang.String>} as {@code List<String>}, for comments. */
    private static String simpleNames(String type) {
        return QUALIFIER.matcher(type).replaceAll("");
    }

    /** A package qualifier: compiled once, not per parameter of every method. */
    private static final java.util.regex.Pattern QUALIFIER =
            java.util.regex.Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+(?=[A-Z])");

    private static String fileName(CompilationUnitTree unit) {
        String path = unit.getSourceFile().getName();
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
