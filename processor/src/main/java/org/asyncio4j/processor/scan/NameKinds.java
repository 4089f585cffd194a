package org.asyncio4j.processor.scan;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Whether a name in a body means a package, a type or a value, decided as javac does (JLS 6.5.2) before anything
 * is evaluated: only a value can be kept across an await; {@code java.util} and {@code java.util.List} in
 * {@code java.util.List.of(x, await(f))} are neither evaluated nor storable.
 *
 * <p>A simple name is a variable if a local, parameter or field is in scope (a variable obscures a type of the same
 * name, JLS 6.4.2); else a type if one is in scope (declared in the body, a member of the class or of a class
 * enclosing it, also inherited, imported by name or statically, in the same package, imported on demand, or in
 * {@code java.lang}); else a package. {@code Q.id} is then a type if {@code Q} is a package containing type
 * {@code id}, or a type with member type {@code id} and no field {@code id}; a value if {@code Q} is a type with a
 * field {@code id} or {@code Q} is a value. Only public {@link Elements} lookups are used, never attribution;
 * simple names are cached, since a body repeats them.
 */
public final class NameKinds {
    enum Kind { PACKAGE, TYPE, VALUE }

    /** What a name means: its kind, and the type when it names one that has an element (null for a local class). */
    public static final class Meaning {
        static final Meaning PACKAGE = new Meaning(Kind.PACKAGE, null, null);
        static final Meaning VALUE = new Meaning(Kind.VALUE, null, null);

        final Kind kind;
        final TypeElement type;
        /** A class declared in the body (it has no element): its tree, for its members. */
        final ClassTree localClass;

        private Meaning(Kind kind, TypeElement type, ClassTree localClass) {
            this.kind = kind;
            this.type = type;
            this.localClass = localClass;
        }

        public boolean isValue() {
            return kind == Kind.VALUE;
        }
    }

    private final Elements elements;
    private final TypeElement owner;
    private final CompilationUnitTree unit;
    private final Tree body;
    /** Whether a simple name that is no local of the method is a variable in scope (a field, a static import). */
    private final Predicate<String> isField;
    private final Predicate<Tree> isLocal;
    private final Map<String, Meaning> simpleNames = new HashMap<>();
    private final Map<Tree, Meaning> selects = new java.util.IdentityHashMap<>();
    private Map<String, ClassTree> localClasses;

    /**
     * {@code isLocal} tells whether an identifier is a local or parameter of the method (or of a lambda or class in
     * it); {@code isField} whether a simple name is a field of the class or of one enclosing it.
     */
    public NameKinds(Elements elements, TypeElement owner, CompilationUnitTree unit, Tree body, Predicate<Tree> isLocal,
            Predicate<String> isField) {
        this.elements = elements;
        this.owner = owner;
        this.unit = unit;
        this.body = body;
        this.isLocal = isLocal;
        this.isField = isField;
    }

    /** What {@code name}, an identifier or a chain of member selects in an expression, means. */
    public Meaning of(Tree name) {
        if (name instanceof IdentifierTree) {
            String simple = ((IdentifierTree) name).getName().toString();
            if (simple.equals("this") || simple.equals("super") || isLocal.test(name)) {
                return Meaning.VALUE;
            }
            return simpleNames.computeIfAbsent(simple, this::ofSimpleName);
        }
        if (!(name instanceof MemberSelectTree)) {
            return Meaning.VALUE; // a call, `new`, a literal, a parenthesized expression, ...
        }
        // NestedAwaits asks again while it iterates to a fixed point; getAllMembers builds a new list per call
        Meaning known = selects.get(name);
        if (known == null) {
            known = ofSelect((MemberSelectTree) name);
            selects.put(name, known);
        }
        return known;
    }

    private Meaning ofSelect(MemberSelectTree select) {
        String id = select.getIdentifier().toString();
        if (id.equals("this") || id.equals("super") || id.equals("class")) {
            return Meaning.VALUE; // `Outer.this`, `Outer.super` (as a receiver) and class literals are values
        }
        Meaning qualifier = of(select.getExpression());
        switch (qualifier.kind) {
            case PACKAGE: {
                TypeElement type = elements.getTypeElement(select.toString());
                return type != null ? typeMeaning(type) : Meaning.PACKAGE;
            }
            case TYPE:
                return memberOf(qualifier, id);
            default:
                return Meaning.VALUE;
        }
    }

    /** Whether {@code name} is a static final field of the type {@code qualifier} names ({@code Color.RED}). */
    public boolean isConstant(Tree qualifier, String name) {
        Meaning meaning = of(qualifier);
        if (meaning.kind != Kind.TYPE || meaning.type == null) {
            return false;
        }
        for (Element member : elements.getAllMembers(meaning.type)) {
            if (member.getKind().isField() && member.getSimpleName().contentEquals(name)) {
                return member.getModifiers().containsAll(java.util.List.of(Modifier.STATIC, Modifier.FINAL));
            }
        }
        return false;
    }

    /** The type a simple name means where no variable obscures it, or null. */
    TypeElement typeNamed(String simple) {
        Meaning meaning = ofType(simple);
        return meaning == null ? null : meaning.type;
    }

    private Meaning ofSimpleName(String simple) {
        if (isField.test(simple) || staticallyImportedField(simple)) {
            return Meaning.VALUE;
        }
        Meaning type = ofType(simple);
        return type != null ? type : Meaning.PACKAGE;
    }

    private Meaning ofType(String simple) {
        ClassTree local = localClasses().get(simple);
        if (local != null) {
            return new Meaning(Kind.TYPE, null, local);
        }
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getSimpleName().contentEquals(simple)) {
                return typeMeaning((TypeElement) e);
            }
            for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers((TypeElement) e))) {
                if (member.getSimpleName().contentEquals(simple)) {
                    return typeMeaning(member);
                }
            }
        }
        // JLS 6.4.1: single-type imports shadow types of the package, which shadow on-demand imports
        for (ImportTree anImport : unit.getImports()) {
            String imported = anImport.getQualifiedIdentifier().toString();
            if (imported.endsWith("." + simple)) {
                TypeElement type = elements.getTypeElement(imported);
                if (type != null) {
                    return typeMeaning(type);
                }
            }
        }
        String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
        TypeElement inPackage = elements.getTypeElement(pkg.isEmpty() ? simple : pkg + "." + simple);
        if (inPackage != null) {
            return typeMeaning(inPackage);
        }
        for (ImportTree anImport : unit.getImports()) {
            String imported = anImport.getQualifiedIdentifier().toString();
            if (imported.endsWith(".*")) {
                TypeElement type = elements.getTypeElement(imported.substring(0, imported.length() - 1) + simple);
                if (type != null) {
                    return typeMeaning(type);
                }
            }
        }
        TypeElement javaLang = elements.getTypeElement("java.lang." + simple);
        return javaLang != null ? typeMeaning(javaLang) : null;
    }

    /** {@code import static a.B.name;} or {@code import static a.B.*;} bringing in a field {@code name}. */
    private boolean staticallyImportedField(String simple) {
        for (ImportTree anImport : unit.getImports()) {
            if (!anImport.isStatic() || !(anImport.getQualifiedIdentifier() instanceof MemberSelectTree)) {
                continue;
            }
            MemberSelectTree imported = (MemberSelectTree) anImport.getQualifiedIdentifier();
            String member = imported.getIdentifier().toString();
            if (!member.equals("*") && !member.equals(simple)) {
                continue;
            }
            TypeElement type = elements.getTypeElement(imported.getExpression().toString());
            if (type != null && ElementFilter.fieldsIn(elements.getAllMembers(type)).stream()
                    .anyMatch(f -> f.getSimpleName().contentEquals(simple)
                            && f.getModifiers().contains(Modifier.STATIC))) {
                return true;
            }
        }
        return false;
    }

    /** {@code Q.id} where {@code Q} names a type: a field of it is a value (JLS 6.5.2), else a member type. */
    private Meaning memberOf(Meaning qualifier, String id) {
        if (qualifier.localClass != null) {
            for (Tree member : qualifier.localClass.getMembers()) {
                if (member instanceof VariableTree && ((VariableTree) member).getName().contentEquals(id)) {
                    return Meaning.VALUE;
                }
                if (member instanceof ClassTree && ((ClassTree) member).getSimpleName().contentEquals(id)) {
                    return new Meaning(Kind.TYPE, null, (ClassTree) member);
                }
            }
            return Meaning.VALUE; // inherited: javac reports it if it is neither
        }
        if (qualifier.type == null) {
            return Meaning.VALUE;
        }
        TypeElement memberType = null;
        for (Element member : elements.getAllMembers(qualifier.type)) {
            if (member.getSimpleName().contentEquals(id)) {
                if (member.getKind().isField()) {
                    return Meaning.VALUE;
                }
                if (member instanceof TypeElement) {
                    memberType = (TypeElement) member;
                }
            }
        }
        return memberType != null ? typeMeaning(memberType) : Meaning.VALUE;
    }

    private static Meaning typeMeaning(TypeElement type) {
        return new Meaning(Kind.TYPE, type, null);
    }

    /** Classes declared in the body by simple name (the first one; javac forbids redeclaring one in scope). */
    private Map<String, ClassTree> localClasses() {
        if (localClasses == null) {
            localClasses = new HashMap<>();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree tree, Void unused) {
                    if (tree.getSimpleName().length() > 0) {
                        localClasses.putIfAbsent(tree.getSimpleName().toString(), tree);
                    }
                    return super.visitClass(tree, null);
                }
            }.scan(body, null);
        }
        return localClasses;
    }
}
