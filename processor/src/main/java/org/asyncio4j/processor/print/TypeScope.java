package org.asyncio4j.processor.print;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What a simple name means as a type at a point of the copied body, without attributing it: the owner, its enclosing
 * classes and their member types, type variables of the method and classes, and classes declared in the body (local
 * and anonymous classes, whose members shadow the owner's). {@link MemberResolver} asks it before choosing how
 * generated code writes a name.
 *
 * <p>Not thread-safe; one instance per {@link MemberResolver}.
 */
final class TypeScope {
    private final Trees trees;
    private final Elements elements;
    private final ExecutableElement method;
    private final TypeElement owner;
    private final Tree body;
    private final Map<Tree, Set<String>> localClassMembers = new IdentityHashMap<>();
    /** The names of the classes declared in the body, found on first use; see {@link #isLocalClass}. */
    private Set<String> localClassNames;

    TypeScope(Trees trees, Elements elements, ExecutableElement method, Tree body) {
        this.trees = trees;
        this.elements = elements;
        this.method = method;
        this.owner = (TypeElement) method.getEnclosingElement();
        this.body = body;
    }

    /** The owner, an enclosing class, or a member type of one of them, with this simple name. */
    TypeElement findType(String name) {
        for (TypeElement type = owner; type != null; type = enclosingType(type)) {
            if (type.getSimpleName().contentEquals(name)) {
                return type;
            }
            TypeElement member = memberType(type, name);
            if (member != null) {
                return member;
            }
        }
        return null;
    }

    /** Whether {@code name} may mean a type variable: of the method, or of the class or an enclosing class. */
    boolean mayBeTypeVariable(String name) {
        for (Element type = method; type instanceof ExecutableElement || type instanceof TypeElement;
                type = type.getEnclosingElement()) {
            List<? extends TypeParameterElement> parameters = type instanceof ExecutableElement
                    ? ((ExecutableElement) type).getTypeParameters() : ((TypeElement) type).getTypeParameters();
            if (parameters.stream().anyMatch(p -> p.getSimpleName().contentEquals(name))) {
                return true;
            }
        }
        return false;
    }

    /** {@code Outer.Inner} for a type of the owner's package, the canonical name otherwise. */
    String sourceName(TypeElement type) {
        if (samePackage(type)) {
            String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
            String qualified = type.getQualifiedName().toString();
            return pkg.isEmpty() ? qualified : qualified.substring(pkg.length() + 1);
        }
        return type.getQualifiedName().toString();
    }

    boolean samePackage(Element element) {
        PackageElement a = elements.getPackageOf(element);
        return a.equals(elements.getPackageOf(owner));
    }

    List<Element> membersNamed(TypeElement type, String name, ElementKind... kinds) {
        List<ElementKind> wanted = List.of(kinds);
        return elements.getAllMembers(type).stream()
                .filter(e -> wanted.contains(e.getKind()) && e.getSimpleName().contentEquals(name))
                .collect(Collectors.toList());
    }

    TypeElement memberType(TypeElement type, String name) {
        for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(type))) {
            if (member.getSimpleName().contentEquals(name)) {
                return member;
            }
        }
        return null;
    }

    static TypeElement enclosingType(TypeElement type) {
        Element enclosing = type.getEnclosingElement();
        return enclosing instanceof TypeElement ? (TypeElement) enclosing : null;
    }

    /** Whether {@code name} is a member of an anonymous or local class of the body that encloses {@code path}. */
    boolean isMemberOfLocalClass(TreePath path, String name) {
        for (TreePath p = path; p != null && p.getLeaf() != body; p = p.getParentPath()) {
            if (p.getLeaf() instanceof ClassTree) {
                Set<String> members = localClassMembers.computeIfAbsent(p.getLeaf(), unused -> membersOf(path));
                if (members.contains(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code name} at {@code path} means a local class (or record, enum, interface) declared in the body,
     * which shadows member types of the same name (JLS 6.4.1). Asks javac's scope only for names the body declares
     * as local classes, since {@link Trees#getScope} attributes the body up to that point.
     */
    boolean isLocalClass(TreePath path, String name) {
        if (localClassNames == null) {
            localClassNames = new java.util.HashSet<>();
            new com.sun.source.util.TreeScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree tree, Void unused) {
                    localClassNames.add(tree.getSimpleName().toString()); // "" for anonymous classes
                    return super.visitClass(tree, unused);
                }
            }.scan(body, null);
        }
        if (!localClassNames.contains(name)) {
            return false;
        }
        for (com.sun.source.tree.Scope scope = trees.getScope(path); scope != null;
                scope = scope.getEnclosingScope()) {
            for (Element local : scope.getLocalElements()) {
                if (local instanceof TypeElement && ((TypeElement) local).getNestingKind()
                        == javax.lang.model.element.NestingKind.LOCAL && local.getSimpleName().contentEquals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<String> membersOf(TreePath inside) {
        TypeElement local = trees.getScope(inside).getEnclosingClass();
        if (local == null) {
            return Set.of();
        }
        return elements.getAllMembers(local).stream().map(e -> e.getSimpleName().toString())
                .collect(Collectors.toSet());
    }
}
