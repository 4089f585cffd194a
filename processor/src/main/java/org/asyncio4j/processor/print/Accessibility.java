package org.asyncio4j.processor.print;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which members an {@code @Async} body may use, as javac decides it for the template (JLS 6.6), and which of them the
 * companion, another top-level class of the same package, can reach.
 *
 * <ul>
 *   <li>a private member is accessible only inside its top-level class: the owner's <em>nest</em>. Only those get
 *       handles; a private member of any other class (a JDK class's private constructor, say) is never a candidate,
 *       so it is neither bridged nor looked up with {@code privateLookupIn} (#13: {@code new InetSocketAddress(host,
 *       port)} once bridged the private {@code (int, String)} constructor and failed at run time);
 *   <li>a package-private member is accessible in its package only;
 *   <li>a protected member is accessible in its package, and in another package from a subclass; the companion is no
 *       subclass, so those are accessible to the template but not reachable from generated code.
 * </ul>
 * Overload resolution itself is left to javac: of the candidates that are accessible and may apply (by arity, and
 * by the types of arguments the code states: literals, {@code new C(..)}, casts), the processor writes one bridge
 * per candidate with its exact signature and javac picks among the bridges as it picked among the originals.
 */
final class Accessibility {
    private final Elements elements;
    private final Types types;
    private final TypeElement owner;

    Accessibility(Elements elements, Types types, TypeElement owner) {
        this.elements = elements;
        this.types = types;
        this.owner = owner;
    }

    /** Whether {@code type} is the owner's top-level class or nested in it: whose private members the body may use. */
    boolean inNest(TypeElement type) {
        return topLevel(type).equals(topLevel(owner));
    }

    /** Whether the template may use {@code member} (JLS 6.6.1): a candidate javac would consider. */
    boolean accessibleFromOwner(Element member) {
        TypeElement declaring = (TypeElement) member.getEnclosingElement();
        if (member.getModifiers().contains(Modifier.PUBLIC)) {
            return true;
        }
        if (member.getModifiers().contains(Modifier.PRIVATE)) {
            return inNest(declaring);
        }
        if (samePackage(declaring)) {
            return true;
        }
        return member.getModifiers().contains(Modifier.PROTECTED) && ownerOrEnclosingExtends(declaring);
    }

    /**
     * Whether the template may use {@code member} but generated code cannot name it: a protected member of another
     * package, which only a subclass's body reaches.
     */
    boolean protectedElsewhere(Element member) {
        TypeElement declaring = (TypeElement) member.getEnclosingElement();
        return member.getModifiers().contains(Modifier.PROTECTED) && !samePackage(declaring);
    }

    /**
     * The members of {@code candidates} that are accessible and may be applicable to arguments of these types (null
     * where the code does not tell the type): see {@link #mayApply}.
     */
    <E extends ExecutableElement> List<E> applicable(List<E> candidates, List<TypeMirror> arguments) {
        return candidates.stream().filter(c -> accessibleFromOwner(c) && mayApply(c, arguments))
                .collect(Collectors.toList());
    }

    /**
     * Whether {@code executable} may be applicable (JLS 15.12.2.1-4): it takes that many arguments, and each argument
     * whose type is known converts to its parameter's erasure in a method invocation context (boxing included), or,
     * for a variable arity parameter, to its component. Conservative: only a sure mismatch excludes a candidate, so
     * javac's choice is always among those left.
     */
    boolean mayApply(ExecutableElement executable, List<TypeMirror> arguments) {
        if (!fits(executable, arguments.size())) {
            return false;
        }
        List<? extends javax.lang.model.element.VariableElement> parameters = executable.getParameters();
        for (int i = 0; i < arguments.size(); i++) {
            TypeMirror argument = arguments.get(i);
            if (argument == null) {
                continue;
            }
            boolean variable = executable.isVarArgs() && i >= parameters.size() - 1;
            TypeMirror parameter = types.erasure(parameters.get(Math.min(i, parameters.size() - 1)).asType());
            boolean converts = types.isAssignable(argument, parameter) || variable
                    && parameter.getKind() == TypeKind.ARRAY
                    && types.isAssignable(argument, types.erasure(((ArrayType) parameter).getComponentType()));
            if (!converts) {
                return false;
            }
        }
        return true;
    }

    /** Applicable by arity (JLS 15.12.2.1): as many arguments as parameters, or a variable arity's minimum. */
    private static boolean fits(ExecutableElement executable, int arguments) {
        int parameters = executable.getParameters().size();
        return executable.isVarArgs() ? arguments >= parameters - 1 : arguments == parameters;
    }

    private boolean ownerOrEnclosingExtends(TypeElement declaring) {
        for (TypeElement type = owner; type != null; type = MemberResolver.enclosingType(type)) {
            for (TypeElement t = type; t != null; t = superclass(t)) {
                if (t.equals(declaring)) {
                    return true;
                }
            }
        }
        return false;
    }

    static TypeElement superclass(TypeElement type) {
        javax.lang.model.type.TypeMirror superclass = type.getSuperclass();
        return superclass instanceof javax.lang.model.type.DeclaredType
                ? (TypeElement) ((javax.lang.model.type.DeclaredType) superclass).asElement() : null;
    }

    private boolean samePackage(Element element) {
        return elements.getPackageOf(element).equals(elements.getPackageOf(owner));
    }

    static TypeElement topLevel(TypeElement type) {
        TypeElement top = type;
        while (MemberResolver.enclosingType(top) != null) {
            top = MemberResolver.enclosingType(top);
        }
        return top;
    }
}
