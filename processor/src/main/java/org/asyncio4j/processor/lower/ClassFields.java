package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.NameKinds;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Fields of the owner, its enclosing classes, and of types named in the body, for {@link NestedAwaits}: whether
 * {@code a() + await(b())} must save {@code a()} depends on whether a name is a field that the await may change.
 * <pre>{@code
 * count + await(next())   ===>   isField("count"): true, isFinalField("count"): false   (so count is saved first)
 * }</pre>
 * Not thread-safe; one per method.
 */
public final class ClassFields implements NestedAwaits.Fields {
    private final Elements elements;
    private final Types types;
    private final TypeElement owner;
    private final NameKinds names;
    private final BodyScan scan;
    private final LocalTypes localTypes;

    /** For the body {@code body} of a method of {@code owner}. */
    public ClassFields(Elements elements, Types types, TypeElement owner, CompilationUnitTree unit, Tree body,
            BodyScan scan, LocalTypes localTypes) {
        this.elements = elements;
        this.types = types;
        this.owner = owner;
        this.scan = scan;
        this.localTypes = localTypes;
        this.names = new NameKinds(elements, owner, unit, body, name -> scan.resolve(name) != null, this::isField);
    }

    @Override
    public boolean isField(String name) {
        return field(name) != null;
    }

    @Override
    public boolean isFinalField(String name) {
        Element field = field(name);
        return field != null && field.getModifiers().contains(Modifier.FINAL);
    }

    private Element field(String name) {
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            for (Element member : elements.getAllMembers((TypeElement) e)) {
                if (member.getKind().isField() && member.getSimpleName().contentEquals(name)) {
                    return member;
                }
            }
        }
        return null;
    }

    @Override
    public NameKinds names() {
        return names;
    }

    @Override
    public boolean isFieldOfLocal(Tree receiver, String name) {
        return fieldOfLocal(receiver, name) != null;
    }

    /** The type of the non-private field {@code name} of the local {@code receiver}'s declared class, or null. */
    public TypeMirror fieldOfLocal(Tree receiver, String name) {
        LocalVar local = receiver instanceof com.sun.source.tree.IdentifierTree ? scan.resolve(receiver) : null;
        if (local == null || local.declaration == null) {
            return null;
        }
        TypeMirror type;
        try {
            type = localTypes.typeOf(local);
        } catch (RuntimeException unavailable) {
            return null;
        }
        if (type == null || type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        for (Element member : elements.getAllMembers((TypeElement) types.asElement(type))) {
            if (member.getKind().isField() && member.getSimpleName().contentEquals(name)
                    && !member.getModifiers().contains(Modifier.PRIVATE)) {
                return types.asMemberOf((javax.lang.model.type.DeclaredType) type, member);
            }
        }
        return null;
    }
}
