package org.asyncio4j.processor.print;

import org.asyncio4j.processor.lower.ClassFields;
import org.asyncio4j.processor.lower.LocalTypes;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * The type of an assignment's target, for {@link AwaitReads}: a compound assignment whose value is awaited is
 * written as a plain one, with a cast to the target's type ({@code x += await(f())} becomes
 * {@code x = (int) (x + awaitedValue(..))}).
 * <pre>{@code
 * total += await(next())   (int total, a frame field)   ===>   typeOf(total): "int"
 * this.count -= await(d)   (a field of the owner)       ===>   typeOf(this.count): "long"
 * }</pre>
 * Not thread-safe; one per method.
 */
public final class AssignedTypes {
    private final BodyScan scan;
    private final LocalTypes localTypes;
    private final ClassFields classFields;
    private final Elements elements;
    private final TypeElement owner;

    public AssignedTypes(BodyScan scan, LocalTypes localTypes, ClassFields classFields, Elements elements,
            TypeElement owner) {
        this.scan = scan;
        this.localTypes = localTypes;
        this.classFields = classFields;
        this.elements = elements;
        this.owner = owner;
    }

    /** The type of the variable at {@code target} as Java source; {@code printer} prints a declared type. */
    public String typeOf(TreePath target, SourcePrinter printer) {
        LocalVar local = scan.resolve(target.getLeaf());
        if (local != null) {
            return local.kind == LocalVar.Kind.PARAMETER ? TypeName.get(localTypes.typeOf(local)).toString()
                    : FieldTypes.fieldType(local, printer, localTypes).toString();
        }
        if (target.getLeaf() instanceof MemberSelectTree) {
            MemberSelectTree select = (MemberSelectTree) target.getLeaf();
            TypeMirror field = classFields.fieldOfLocal(select.getExpression(), select.getIdentifier().toString());
            if (field != null) { // local.f
                return TypeName.get(field).toString();
            }
        }
        String name = target.getLeaf() instanceof MemberSelectTree
                ? ((MemberSelectTree) target.getLeaf()).getIdentifier().toString() // this.x
                : ((IdentifierTree) target.getLeaf()).getName().toString();
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            for (Element member : elements.getAllMembers((TypeElement) e)) {
                if (member.getKind().isField() && member.getSimpleName().contentEquals(name)) {
                    return TypeName.get(member.asType()).toString();
                }
            }
        }
        throw new IllegalStateException("no variable " + name);
    }
}
