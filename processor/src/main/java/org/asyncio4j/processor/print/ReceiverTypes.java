package org.asyncio4j.processor.print;

import org.asyncio4j.processor.scan.LocalVar;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Scope;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The class of a receiver ({@code x} in {@code x.m()}, {@code x.f}) and of type names in an {@code @Async} body, told
 * without attributing the body: what the code says (a local's type from {@link Trees#getScope}, a field's from its
 * element, {@code new C(..)}, a cast, a call whose candidate overloads all return the same class), and type names
 * resolved in Java's order of scopes (JLS 6.4.1, 7.5): local classes, member types of the class and its enclosing
 * classes, single-type imports, the package, then on-demand imports and {@code java.lang}.
 */
final class ReceiverTypes {
    private final MemberResolver resolver;
    private final Trees trees;
    private final Elements elements;
    private final Types types;
    private final TypeElement owner;
    private final CompilationUnitTree unit;
    private final Accessibility accessibility;

    ReceiverTypes(MemberResolver resolver, Trees trees, Elements elements, Types types, TypeElement owner,
            CompilationUnitTree unit, Accessibility accessibility) {
        this.resolver = resolver;
        this.trees = trees;
        this.elements = elements;
        this.types = types;
        this.owner = owner;
        this.unit = unit;
        this.accessibility = accessibility;
    }

    /** The class of a receiver, and whether the receiver is that class's name (a static access). */
    static final class Receiver {
        final TypeElement type;
        final boolean isType;

        Receiver(TypeElement type, boolean isType) {
            this.type = type;
            this.isType = isType;
        }
    }

    /** The class of a receiver expression, told without attribution where the code says it; null if unknown. */
    Receiver receiverOf(TreePath path, NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof ParenthesizedTree) {
            return receiverOf(new TreePath(path, ((ParenthesizedTree) leaf).getExpression()), out);
        }
        if (leaf instanceof IdentifierTree) {
            String name = ((IdentifierTree) leaf).getName().toString();
            if (name.equals("this")) {
                return out.inClassBody() ? null : new Receiver(owner, false);
            }
            if (out.declaresVariable(name) || resolver.isLocal(leaf)) {
                return receiver(localType(path, name));
            }
            for (TypeElement type = owner; type != null; type = MemberResolver.enclosingType(type)) {
                List<Element> fields = resolver.membersNamed(type, name, ElementKind.FIELD);
                if (!fields.isEmpty()) {
                    return receiver(fields.get(0).asType());
                }
            }
            TypeElement type = typeNamed(path);
            return type == null ? null : new Receiver(type, true);
        }
        if (leaf instanceof MemberSelectTree) {
            MemberSelectTree select = (MemberSelectTree) leaf;
            if (select.getIdentifier().contentEquals("this")) {
                TypeElement type = typeNamed(new TreePath(path, select.getExpression()));
                return type == owner ? new Receiver(owner, false) : null;
            }
            Receiver qualifier = receiverOf(new TreePath(path, select.getExpression()), out);
            if (qualifier == null) {
                TypeElement type = typeNamed(path);
                return type == null ? null : new Receiver(type, true);
            }
            for (Element member : elements.getAllMembers(qualifier.type)) {
                if (member.getSimpleName().contentEquals(select.getIdentifier())) {
                    if (member.getKind() == ElementKind.FIELD) {
                        return receiver(member.asType());
                    }
                    if (member instanceof TypeElement && qualifier.isType) {
                        return new Receiver((TypeElement) member, true);
                    }
                }
            }
            return null;
        }
        if (leaf instanceof NewClassTree && ((NewClassTree) leaf).getClassBody() == null) {
            TypeElement type = typeNamed(rawType(new TreePath(path, ((NewClassTree) leaf).getIdentifier())));
            return type == null ? null : new Receiver(type, false);
        }
        if (leaf instanceof MethodInvocationTree) {
            return returnedBy(path, (MethodInvocationTree) leaf, out);
        }
        if (leaf instanceof TypeCastTree) {
            TypeElement named = typeNamed(rawType(new TreePath(path, ((TypeCastTree) leaf).getType())));
            return named == null ? null : new Receiver(named, false);
        }
        return null;
    }

    /**
     * The class a call returns ({@code find()} in {@code find().secret}) when every overload javac may choose
     * (accessible, applicable by arity) declares the same class; null if they differ or return a type variable.
     */
    private Receiver returnedBy(TreePath path, MethodInvocationTree call, NameRewriter.Output out) {
        ExpressionTree select = call.getMethodSelect();
        List<Element> methods = List.of();
        if (select instanceof IdentifierTree) {
            String name = ((IdentifierTree) select).getName().toString();
            if (resolver.isMemberOfLocalClass(path, name)) {
                return null;
            }
            // JLS 15.12.1: the innermost class with a method of that name; static imports are not looked at.
            for (TypeElement type = owner; type != null && methods.isEmpty(); type = MemberResolver.enclosingType(
                    type)) {
                methods = resolver.membersNamed(type, name, ElementKind.METHOD);
            }
        } else if (select instanceof MemberSelectTree) {
            MemberSelectTree member = (MemberSelectTree) select;
            Receiver qualifier = receiverOf(new TreePath(new TreePath(path, select), member.getExpression()), out);
            if (qualifier == null) {
                return null;
            }
            methods = resolver.membersNamed(qualifier.type, member.getIdentifier().toString(), ElementKind.METHOD);
        }
        TypeElement returned = null;
        for (ExecutableElement candidate : accessibility.applicable(ElementFilter.methodsIn(methods),
                argumentTypes(path, call.getArguments()))) {
            if (candidate.getReturnType().getKind() != TypeKind.DECLARED) {
                return null; // a type variable, primitive, array, or a class not generated yet (ERROR)
            }
            TypeElement type = (TypeElement) ((DeclaredType) candidate.getReturnType()).asElement();
            if (returned != null && !returned.equals(type)) {
                return null;
            }
            returned = type;
        }
        return returned == null ? null : new Receiver(returned, false);
    }

    private static Receiver receiver(TypeMirror type) {
        if (type instanceof TypeVariable) {
            type = ((TypeVariable) type).getUpperBound();
        }
        return type instanceof DeclaredType ? new Receiver((TypeElement) ((DeclaredType) type).asElement(), false)
                : null;
    }

    /**
     * Whether the expression at {@code path} is known to be an array (a local, parameter or field of array type,
     * a field of one through a known receiver, or {@code new T[..]}), so that {@code .length} on it is the array's
     * length, never a field of the class that happens to be called {@code length}.
     */
    boolean isKnownArray(TreePath path, NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof ParenthesizedTree) {
            return isKnownArray(new TreePath(path, ((ParenthesizedTree) leaf).getExpression()), out);
        }
        if (leaf instanceof com.sun.source.tree.NewArrayTree) {
            return true;
        }
        if (leaf instanceof IdentifierTree) {
            String name = ((IdentifierTree) leaf).getName().toString();
            if (out.declaresVariable(name) || resolver.isLocal(leaf)) {
                return localType(path, name) instanceof javax.lang.model.type.ArrayType;
            }
            for (TypeElement type = owner; type != null; type = MemberResolver.enclosingType(type)) {
                List<Element> fields = resolver.membersNamed(type, name, ElementKind.FIELD);
                if (!fields.isEmpty()) {
                    return fields.get(0).asType() instanceof javax.lang.model.type.ArrayType;
                }
            }
            return false;
        }
        if (leaf instanceof MemberSelectTree) {
            MemberSelectTree select = (MemberSelectTree) leaf;
            Receiver qualifier = receiverOf(new TreePath(path, select.getExpression()), out);
            if (qualifier == null) {
                return false;
            }
            for (Element member : elements.getAllMembers(qualifier.type)) {
                if (member.getKind() == ElementKind.FIELD
                        && member.getSimpleName().contentEquals(select.getIdentifier())) {
                    return member.asType() instanceof javax.lang.model.type.ArrayType;
                }
            }
        }
        return false;
    }

    /**
     * The type of each local asked about so far. A local's type is the same at every use, and each
     * {@code Trees.getScope} attributes the method's body up to its point: asked at every use ({@code trace.add(..)}
     * on most lines), a 1,000-line method spent most of its processing time here, quadratic in its length.
     */
    private final Map<LocalVar, TypeMirror> localTypes = new IdentityHashMap<>();

    /** The type of a local or lambda parameter in scope at {@code path}, from javac's scope (innermost first). */
    TypeMirror localType(TreePath path, String name) {
        LocalVar local = path.getLeaf() instanceof IdentifierTree ? resolver.localOf(path.getLeaf()) : null;
        if (local == null) {
            return scopeType(path, name);
        }
        if (!localTypes.containsKey(local)) {
            localTypes.put(local, scopeType(path, name));
        }
        return localTypes.get(local);
    }

    private TypeMirror scopeType(TreePath path, String name) {
        for (Scope scope = trees.getScope(path); scope != null; scope = scope.getEnclosingScope()) {
            for (Element local : scope.getLocalElements()) {
                if (local.getSimpleName().contentEquals(name) && local.getKind() != ElementKind.CLASS
                        && !name.equals("this") && !name.equals("super")) {
                    return local.asType();
                }
            }
        }
        return null;
    }

    /**
     * The types of a call's arguments where the code says them without attribution: literals, {@code new C(..)} and
     * casts (erased); null for every other argument. For {@link Accessibility#mayApply}.
     */
    List<TypeMirror> argumentTypes(TreePath call, List<? extends ExpressionTree> arguments) {
        List<TypeMirror> known = new java.util.ArrayList<>();
        for (ExpressionTree argument : arguments) {
            known.add(typeOf(new TreePath(call, argument)));
        }
        return known;
    }

    private TypeMirror typeOf(TreePath expression) {
        Tree tree = expression.getLeaf();
        switch (tree.getKind()) {
            case PARENTHESIZED:
                return typeOf(new TreePath(expression, ((ParenthesizedTree) tree).getExpression()));
            case INT_LITERAL:
                return types.getPrimitiveType(TypeKind.INT);
            case LONG_LITERAL:
                return types.getPrimitiveType(TypeKind.LONG);
            case FLOAT_LITERAL:
                return types.getPrimitiveType(TypeKind.FLOAT);
            case DOUBLE_LITERAL:
                return types.getPrimitiveType(TypeKind.DOUBLE);
            case BOOLEAN_LITERAL:
                return types.getPrimitiveType(TypeKind.BOOLEAN);
            case CHAR_LITERAL:
                return types.getPrimitiveType(TypeKind.CHAR);
            case STRING_LITERAL:
                return elements.getTypeElement("java.lang.String").asType();
            case NULL_LITERAL:
                return types.getNullType();
            case NEW_CLASS: {
                TypeElement type = typeNamed(rawType(new TreePath(expression, ((NewClassTree) tree).getIdentifier())));
                return type == null ? null : types.erasure(type.asType());
            }
            case TYPE_CAST: {
                Tree cast = ((TypeCastTree) tree).getType();
                if (cast instanceof PrimitiveTypeTree) {
                    return types.getPrimitiveType(((PrimitiveTypeTree) cast).getPrimitiveTypeKind());
                }
                TypeElement type = typeNamed(rawType(new TreePath(expression, cast)));
                return type == null ? null : types.erasure(type.asType());
            }
            default:
                return null;
        }
    }

    /** {@code List} for {@code List<String>}: the path of a type's class name. */
    static TreePath rawType(TreePath type) {
        return type.getLeaf() instanceof ParameterizedTypeTree
                ? new TreePath(type, ((ParameterizedTypeTree) type.getLeaf()).getType()) : type;
    }

    /**
     * The class the simple or qualified type name at {@code path} means, or null: a type variable, a local class of
     * the body (which shadows the class's member types, JLS 6.4.1), or not a type.
     */
    TypeElement typeNamed(TreePath path) {
        Tree tree = path.getLeaf();
        if (tree instanceof IdentifierTree) {
            String name = ((IdentifierTree) tree).getName().toString();
            return resolver.isLocalClass(path, name) || resolver.mayBeTypeVariable(name) ? null : simpleTypeName(name);
        }
        if (tree instanceof MemberSelectTree) {
            MemberSelectTree select = (MemberSelectTree) tree;
            TypeElement outer = typeNamed(new TreePath(path, select.getExpression()));
            if (outer == null) {
                return elements.getTypeElement(select.toString());
            }
            for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(outer))) {
                if (member.getSimpleName().contentEquals(select.getIdentifier())) {
                    return member;
                }
            }
        }
        return null;
    }

    private TypeElement simpleTypeName(String name) {
        TypeElement type = resolver.findType(name);
        if (type != null) {
            return type;
        }
        for (ImportTree anImport : unit.getImports()) {
            String imported = anImport.getQualifiedIdentifier().toString();
            if (!anImport.isStatic() && imported.endsWith("." + name)) {
                return elements.getTypeElement(imported);
            }
        }
        String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
        TypeElement inPackage = elements.getTypeElement(pkg.isEmpty() ? name : pkg + "." + name);
        if (inPackage != null) {
            return inPackage;
        }
        for (ImportTree anImport : unit.getImports()) {
            String imported = anImport.getQualifiedIdentifier().toString();
            if (!anImport.isStatic() && imported.endsWith(".*")) {
                TypeElement onDemand = elements.getTypeElement(imported.substring(0, imported.length() - 1) + name);
                if (onDemand != null) {
                    return onDemand;
                }
            }
        }
        return elements.getTypeElement("java.lang." + name);
    }
}
