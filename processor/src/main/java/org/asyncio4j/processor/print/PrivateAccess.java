package org.asyncio4j.processor.print;

import org.asyncio4j.processor.scan.Companions;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The private members of one class's nest that its {@code @Async} bodies use, and the nested holder class of the
 * companion that reaches them: one {@code static final} handle per member, and bridges that call them.
 *
 * <pre>{@code
 * private static final class Private {              // in GreeterAsync
 *     static final VarHandle GREETING;              // private String greeting;
 *     static final MethodHandle FORMAT;             // private String format(int n) throws IOException
 *     static {
 *         try {
 *             MethodHandles.Lookup greeter = MethodHandles.privateLookupIn(Greeter.class, MethodHandles.lookup());
 *             GREETING = greeter.findVarHandle(Greeter.class, "greeting", String.class);
 *             FORMAT = greeter.findVirtual(Greeter.class, "format", MethodType.methodType(String.class, int.class));
 *         } catch (ReflectiveOperationException e) { throw new LinkageError(...); }
 *     }
 *     static String format(Greeter self, int n) throws IOException {     // a bridge per overload of format
 *         try { return (String) FORMAT.invokeExact(self, n); } catch (Throwable e) { throw rethrow(e); }
 *     }
 * }
 * }</pre>
 * Copied code reads a field as {@code (String) Private.GREETING.get(self)} and calls a method as
 * {@code Private.format(self, n)}: the bridges repeat the member's signature (type parameters, varargs,
 * {@code throws}), so javac resolves overloads and infers type arguments on them exactly as on the original, and
 * exceptions pass through unchanged. {@code privateLookupIn} works for any class of the same package and module,
 * on the class path and in a named module that opens nothing.
 *
 * <p>One instance per companion, shared by the {@link MemberResolver}s of the class's methods and taken by
 * {@code CompanionWriter}; registration is idempotent and output order is first-use order. Not thread-safe: the
 * processor runs on javac's thread; the registry is synchronised only because one JVM may run several javac tasks.
 */
public final class PrivateAccess {
    private static final Map<TypeElement, PrivateAccess> REGISTRY = new WeakHashMap<>();
    private static final ClassName VAR_HANDLE = ClassName.get("java.lang.invoke", "VarHandle");
    private static final ClassName METHOD_HANDLE = ClassName.get("java.lang.invoke", "MethodHandle");
    private static final ClassName METHOD_HANDLES = ClassName.get("java.lang.invoke", "MethodHandles");
    private static final ClassName METHOD_TYPE = ClassName.get("java.lang.invoke", "MethodType");
    private static final ClassName LOOKUP = METHOD_HANDLES.nestedClass("Lookup");

    private final String holder;
    /** Handle constants in first-use order: the member (field, method or constructor) to its constant name. */
    private final Map<Element, String> handles = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    /** Method and constructor bridges, keyed by the member they call. */
    private final Map<Element, MethodSpec> bridges = new LinkedHashMap<>();
    /** Bridge names: "class#method" (all overloads share one name), "new#class", "set#field". */
    private final Map<String, String> bridgeNames = new LinkedHashMap<>();
    private boolean rethrow;
    private boolean value;
    /** Whether copied code casts a handle's result to a generic type (javac 21+ calls that unchecked). */
    private boolean uncheckedCasts;

    private PrivateAccess(String holder) {
        this.holder = holder;
    }

    /** The registry of {@code owner}'s companion, created with a holder name none of {@code taken} uses. */
    static PrivateAccess of(TypeElement owner, java.util.function.Supplier<Set<String>> taken) {
        synchronized (REGISTRY) {
            return REGISTRY.computeIfAbsent(owner, unused -> {
                Set<String> used = taken.get();
                String name = "Private";
                for (int i = 2; used.contains(name); i++) {
                    name = "Private" + i;
                }
                return new PrivateAccess(name);
            });
        }
    }

    /** The registry of {@code owner}'s companion, removed from the registry; null if no body used one. */
    public static PrivateAccess take(TypeElement owner) {
        synchronized (REGISTRY) {
            return REGISTRY.remove(owner);
        }
    }

    String holder() {
        return holder;
    }

    /** Records that copied code casts a handle's result to {@code type}. */
    void castTo(TypeMirror type) {
        uncheckedCasts |= !isReifiable(type);
    }

    /** The warnings the companion suppresses for copied code that uses handles. */
    public String[] suppressedWarnings() {
        return uncheckedCasts ? new String[] {"cast", "unchecked"} : new String[] {"cast"};
    }

    /** A cast to a reifiable type (JLS 4.7) is checked: no type variables, no type arguments but {@code ?}. */
    static boolean isReifiable(TypeMirror type) {
        switch (type.getKind()) {
            case TYPEVAR:
                return false;
            case ARRAY:
                return isReifiable(((ArrayType) type).getComponentType());
            case DECLARED:
                return ((DeclaredType) type).getTypeArguments().stream()
                        .allMatch(a -> a.getKind() == TypeKind.WILDCARD
                                && ((javax.lang.model.type.WildcardType) a).getExtendsBound() == null
                                && ((javax.lang.model.type.WildcardType) a).getSuperBound() == null);
            default:
                return true;
        }
    }

    /** {@code Private.GREETING}: the handle of a private field. */
    String field(VariableElement field) {
        return holder + "." + constant(field, constantName(field.getSimpleName().toString()));
    }

    /** The bridge that sets a field and returns the value, as an assignment expression does. */
    String setter(VariableElement field) {
        String key = "set#" + qualified(field);
        String name = bridgeName(key, "set" + capitalized(field.getSimpleName().toString()));
        String handle = field(field);
        bridges.computeIfAbsent(field, unused -> {
            TypeName type = TypeName.get(field.asType());
            MethodSpec.Builder setter = MethodSpec.methodBuilder(name).addModifiers(Modifier.STATIC).returns(type);
            String handleName = handle.substring(holder.length() + 1);
            if (field.getModifiers().contains(Modifier.STATIC)) {
                setter.addParameter(type, "value").addStatement("$N.set(value)", handleName);
            } else {
                TypeElement declaring = (TypeElement) field.getEnclosingElement();
                declaring.getTypeParameters().forEach(p -> setter.addTypeVariable(TypeVariableName.get(p)));
                setter.addParameter(receiverType(declaring), "self")
                        .addParameter(type, "value").addStatement("$N.set(self, value)", handleName);
            }
            return setter.addStatement("return value").build();
        });
        return holder + "." + name;
    }

    /** {@code Private.value}: an identity method, to make a value a statement expression (a lambda body). */
    String value() {
        value = true;
        return holder + ".value";
    }

    /**
     * {@code Private.format}: the bridge name for every overload of {@code name} in {@code type}; registers a bridge
     * per overload. {@code withReceiver}: instance and static overloads mixed, so every bridge takes the receiver.
     */
    String methods(TypeElement type, List<ExecutableElement> overloads, boolean withReceiver) {
        String simple = overloads.get(0).getSimpleName().toString();
        String name = bridgeName(qualifiedName(type) + "#" + simple, simple);
        for (ExecutableElement method : overloads) {
            bridges.computeIfAbsent(method, unused -> methodBridge(type, method, name, withReceiver));
        }
        return holder + "." + name;
    }

    /** {@code Private.newGreeter}: the bridge name for every constructor of {@code type}. */
    String constructors(TypeElement type, List<ExecutableElement> constructors) {
        String name = bridgeName("new#" + qualifiedName(type), "new" + type.getSimpleName());
        for (ExecutableElement constructor : constructors) {
            bridges.computeIfAbsent(constructor, unused -> constructorBridge(type, constructor, name));
        }
        return holder + "." + name;
    }

    private String bridgeName(String key, String wanted) {
        return bridgeNames.computeIfAbsent(key, unused -> unique(wanted));
    }

    private String constant(Element member, String wanted) {
        return handles.computeIfAbsent(member, unused -> unique(wanted));
    }

    private String unique(String wanted) {
        String name = wanted;
        for (int i = 2; !names.add(name) || name.equals("rethrow") || name.equals("value"); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }

    /** {@code maxCount} as {@code MAX_COUNT}. */
    static String constantName(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private MethodSpec methodBridge(TypeElement type, ExecutableElement method, String name, boolean withReceiver) {
        boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
        List<String> arguments = parameterNames(method);
        String receiver = freeName("self", arguments);
        boolean takesReceiver = !isStatic || withReceiver;
        List<TypeVariableName> leading = new ArrayList<>();
        if (takesReceiver) {
            type.getTypeParameters().forEach(p -> leading.add(TypeVariableName.get(p)));
        }
        MethodSpec.Builder bridge = bridgeSignature(method, name, leading,
                takesReceiver ? ParameterSpec.builder(receiverType(type), receiver).build() : null);
        TypeName result = TypeName.get(method.getReturnType());
        boolean returns = method.getReturnType().getKind() != TypeKind.VOID;
        if (!method.getModifiers().contains(Modifier.PRIVATE)) {
            String target = isStatic ? ClassName.get(type).simpleName() : receiver;
            CodeBlock call = CodeBlock.of("$L.$N($L)", isStatic ? CodeBlock.of("$T", ClassName.get(type)) : target,
                    method.getSimpleName().toString(), String.join(", ", arguments));
            return (returns ? bridge.addStatement("return $L", call) : bridge.addStatement("$L", call)).build();
        }
        String handle = constant(method, constantName(handleWanted(type, method)));
        List<String> handleArguments = new ArrayList<>(arguments);
        if (!isStatic) {
            handleArguments.add(0, receiver);
        }
        CodeBlock call = CodeBlock.of("$N.invokeExact($L)", handle, String.join(", ", handleArguments));
        if (returns && !isReifiable(method.getReturnType())) {
            bridge.addAnnotation(uncheckedCast());
        }
        return invoking(bridge, returns ? CodeBlock.of("return ($T) $L", result, call) : call, arguments).build();
    }

    private MethodSpec constructorBridge(TypeElement type, ExecutableElement constructor, String name) {
        List<TypeVariableName> variables = new ArrayList<>();
        type.getTypeParameters().forEach(p -> variables.add(TypeVariableName.get(p)));
        MethodSpec.Builder bridge = bridgeSignature(constructor, name, variables, null);
        TypeName result = receiverType(type);
        bridge.returns(result);
        List<String> arguments = parameterNames(constructor);
        if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
            // the type's own variables, not the diamond: inference from wildcard arguments can fail
            String typeArguments = TypeArguments.of(variables);
            return bridge.addStatement("return new $T$L($L)", ClassName.get(type), typeArguments,
                    String.join(", ", arguments)).build();
        }
        String handle = constant(constructor, "NEW_" + constantName(handleWanted(type, constructor)));
        if (!type.getTypeParameters().isEmpty()) {
            bridge.addAnnotation(uncheckedCast());
        }
        return invoking(bridge, CodeBlock.of("return ($T) $N.invokeExact($L)", result, handle,
                String.join(", ", arguments)), arguments).build();
    }

    /** javac 21+ calls a cast of a handle's result to a generic type unchecked; the handle's type is exact. */
    private static com.palantir.javapoet.AnnotationSpec uncheckedCast() {
        return com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "unchecked").build();
    }

    /**
     * Same type parameters, parameters, varargs and {@code throws} as the member, after the class's type parameters
     * and the receiver parameter when the bridge needs them ({@code leadingVariables}, {@code receiver} or null).
     */
    private static MethodSpec.Builder bridgeSignature(ExecutableElement member, String name,
            List<TypeVariableName> leadingVariables, ParameterSpec receiver) {
        MethodSpec.Builder bridge = MethodSpec.methodBuilder(name).addModifiers(Modifier.STATIC)
                .returns(TypeName.get(member.getReturnType()))
                .varargs(member.isVarArgs());
        bridge.addTypeVariables(leadingVariables);
        member.getTypeParameters().forEach(p -> bridge.addTypeVariable(TypeVariableName.get(p)));
        if (receiver != null) {
            bridge.addParameter(receiver);
        }
        for (VariableElement parameter : member.getParameters()) {
            bridge.addParameter(TypeName.get(parameter.asType()), parameter.getSimpleName().toString());
        }
        member.getThrownTypes().forEach(t -> bridge.addException(TypeName.get(t)));
        return bridge;
    }

    /**
     * The handle call in a try that rethrows whatever the member threw, unchanged (checked or not). The caught
     * exception is named apart from the member's {@code parameters}: Guava's {@code addException(.., IOException e)}
     * made {@code catch (Throwable e)} a second {@code e}.
     */
    private MethodSpec.Builder invoking(MethodSpec.Builder bridge, CodeBlock statement, List<String> parameters) {
        rethrow = true;
        String failure = freeName("e", parameters);
        return bridge.beginControlFlow("try").addStatement("$L", statement)
                .nextControlFlow("catch ($T $N)", Throwable.class, failure).addStatement("throw rethrow($N)", failure)
                .endControlFlow();
    }

    private static List<String> parameterNames(ExecutableElement member) {
        List<String> names = new ArrayList<>();
        member.getParameters().forEach(p -> names.add(p.getSimpleName().toString()));
        return names;
    }

    private static String freeName(String wanted, List<String> taken) {
        String name = wanted;
        for (int i = 2; taken.contains(name); i++) {
            name = wanted + i;
        }
        return name;
    }

    /** {@code format}, or {@code format_int_long} when overloaded (the caller upper-cases it). */
    private static String handleWanted(TypeElement type, ExecutableElement member) {
        String name = member.getKind() == ElementKind.CONSTRUCTOR ? type.getSimpleName().toString()
                : member.getSimpleName().toString();
        long overloads = type.getEnclosedElements().stream()
                .filter(e -> e.getKind() == member.getKind() && e.getSimpleName().equals(member.getSimpleName()))
                .count();
        if (overloads > 1) {
            for (VariableElement parameter : member.getParameters()) {
                name += "_" + erasure(parameter.asType()).toString().replaceAll(".*\\.", "").replace("[]", "Array");
            }
        }
        return name;
    }

    private static TypeName receiverType(TypeElement type) {
        ClassName raw = ClassName.get(type);
        if (type.getTypeParameters().isEmpty()) {
            return raw;
        }
        List<TypeName> arguments = new ArrayList<>();
        type.getTypeParameters().forEach(p -> arguments.add(TypeVariableName.get(p)));
        return ParameterizedTypeName.get(raw, arguments.toArray(new TypeName[0]));
    }

    private static String qualified(Element member) {
        return qualifiedName(member.getEnclosingElement()) + "#" + member.getSimpleName();
    }

    private static String qualifiedName(Element type) {
        return ((TypeElement) type).getQualifiedName().toString();
    }

    /** The erasure (JLS 4.6), for class literals and method types. */
    static TypeName erasure(TypeMirror type) {
        switch (type.getKind()) {
            case DECLARED:
                return ClassName.get((TypeElement) ((DeclaredType) type).asElement());
            case ARRAY:
                return ArrayTypeName.of(erasure(((ArrayType) type).getComponentType()));
            case TYPEVAR:
                return erasure(((TypeVariable) type).getUpperBound());
            case INTERSECTION:
                return erasure(((javax.lang.model.type.IntersectionType) type).getBounds().get(0));
            default:
                return TypeName.get(type);
        }
    }

    /** The holder class, or null if no body used a private member. */
    public TypeSpec holderType(TypeElement owner) {
        if (handles.isEmpty() && bridges.isEmpty() && !value) {
            return null;
        }
        TypeSpec.Builder type = TypeSpec.classBuilder(holder)
                .addJavadoc("Handles to the private members of {@link $T}'s classes that the {@code @Async} bodies "
                        + "use, and bridges\nthat call them. Initialised on first use.\n", ClassName.get(owner))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
        if (!handles.isEmpty()) {
            addHandles(type);
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        bridges.values().forEach(type::addMethod);
        if (value) {
            TypeVariableName v = TypeVariableName.get("V");
            type.addMethod(MethodSpec.methodBuilder("value").addModifiers(Modifier.STATIC).addTypeVariable(v)
                    .addJavadoc("Returns {@code value}: a call, where Java allows only a statement expression.\n")
                    .returns(v).addParameter(v, "value").addStatement("return value").build());
        }
        if (rethrow) {
            TypeVariableName e = TypeVariableName.get("E", Throwable.class);
            type.addMethod(MethodSpec.methodBuilder("rethrow")
                    .addJavadoc("Throws {@code e} unchanged; a bridge declares the same exceptions as its member.\n")
                    .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "unchecked").build())
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC).addTypeVariable(e)
                    .returns(RuntimeException.class).addParameter(Throwable.class, "e").addException(e)
                    .addStatement("throw ($T) e", e).build());
        }
        return type.build();
    }

    private void addHandles(TypeSpec.Builder type) {
        CodeBlock.Builder init = CodeBlock.builder().beginControlFlow("try");
        Map<Element, String> lookups = new LinkedHashMap<>();
        for (Map.Entry<Element, String> handle : handles.entrySet()) {
            Element member = handle.getKey();
            TypeElement declaring = (TypeElement) member.getEnclosingElement();
            String lookup = lookups.computeIfAbsent(declaring, d -> {
                String name = lookupName(declaring, lookups.size());
                if (lookups.containsValue(name)) {
                    name = "lookup" + lookups.size();
                }
                init.addStatement("$T $N = $T.privateLookupIn($T.class, $T.lookup())", LOOKUP, name,
                        METHOD_HANDLES, ClassName.get(declaring), METHOD_HANDLES);
                return name;
            });
            boolean isStatic = member.getModifiers().contains(Modifier.STATIC);
            ClassName target = ClassName.get(declaring);
            String name = member.getSimpleName().toString();
            if (member.getKind() == ElementKind.FIELD) {
                type.addField(FieldSpec.builder(VAR_HANDLE, handle.getValue(), Modifier.STATIC, Modifier.FINAL)
                        .build());
                init.addStatement("$N = $N.$L($T.class, $S, $T.class)", handle.getValue(), lookup,
                        isStatic ? "findStaticVarHandle" : "findVarHandle", target, name, erasure(member.asType()));
                continue;
            }
            ExecutableElement executable = (ExecutableElement) member;
            type.addField(FieldSpec.builder(METHOD_HANDLE, handle.getValue(), Modifier.STATIC, Modifier.FINAL)
                    .build());
            CodeBlock.Builder methodType = CodeBlock.builder().add("$T.methodType($T.class", METHOD_TYPE,
                    executable.getKind() == ElementKind.CONSTRUCTOR ? TypeName.VOID
                            : erasure(executable.getReturnType()));
            executable.getParameters().forEach(p -> methodType.add(", $T.class", erasure(p.asType())));
            methodType.add(")");
            if (executable.getKind() == ElementKind.CONSTRUCTOR) {
                init.addStatement("$N = $N.findConstructor($T.class, $L)", handle.getValue(), lookup, target,
                        methodType.build());
            } else {
                init.addStatement("$N = $N.$L($T.class, $S, $L)", handle.getValue(), lookup,
                        isStatic ? "findStatic" : "findVirtual", target, name, methodType.build());
            }
        }
        init.nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                .addStatement("throw new $T($S + e, e)", LinkageError.class,
                        "the generated code no longer matches the class it was generated from; recompile both: ")
                .endControlFlow();
        type.addStaticBlock(init.build());
    }

    /** {@code greeter} for the lookup in {@code Greeter}, {@code greeterInner} for {@code Greeter.Inner}. */
    private static String lookupName(TypeElement type, int index) {
        String simple = type.getSimpleName().toString();
        String name = Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
        return name.equals("e") || !javax.lang.model.SourceVersion.isName(name) ? "lookup" + index : name + "Lookup";
    }
}
