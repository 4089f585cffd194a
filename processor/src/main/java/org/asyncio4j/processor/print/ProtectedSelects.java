package org.asyncio4j.processor.print;

import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reports protected members of another package used through an explicit receiver: {@code this.label(1)},
 * {@code other.count}, {@code Demo.helper()}, {@code this::label}. The template may use them (its class is a
 * subclass, JLS 6.6.2), but the companion is not, so the copied code would not compile; unqualified uses are
 * reported by {@link MemberResolver} the same way.
 *
 * <p>Only names that a superclass of the class (or of an enclosing class) in another package declares protected
 * are looked at, so most selects cost one set lookup; a receiver whose class the processor cannot tell is left as
 * written (see docs/diagnostics.md#protectedmemberaccess).
 */
final class ProtectedSelects {
    private final MemberResolver resolver;
    private final ReceiverTypes receivers;
    private final Accessibility accessibility;
    private final Set<String> protectedNames = new HashSet<>();

    ProtectedSelects(MemberResolver resolver, Elements elements, TypeElement owner, ReceiverTypes receivers,
            Accessibility accessibility) {
        this.resolver = resolver;
        this.receivers = receivers;
        this.accessibility = accessibility;
        for (TypeElement type = owner; type != null; type = MemberResolver.enclosingType(type)) {
            for (TypeElement s = Accessibility.superclass(type); s != null; s = Accessibility.superclass(s)) {
                if (!elements.getPackageOf(s).equals(elements.getPackageOf(owner))) {
                    s.getEnclosedElements().stream().filter(m -> m.getModifiers().contains(Modifier.PROTECTED))
                            .forEach(m -> protectedNames.add(m.getSimpleName().toString()));
                }
            }
        }
    }

    /** Reports the select, call or method reference at {@code path} if it names such a member. */
    void check(TreePath path, NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof MemberSelectTree) {
            MemberSelectTree select = (MemberSelectTree) leaf;
            check(path, select.getExpression(), select.getIdentifier().toString(), ElementKind.FIELD, null, out);
        } else if (leaf instanceof MethodInvocationTree
                && ((MethodInvocationTree) leaf).getMethodSelect() instanceof MemberSelectTree) {
            MethodInvocationTree call = (MethodInvocationTree) leaf;
            MemberSelectTree select = (MemberSelectTree) call.getMethodSelect();
            check(new TreePath(path, select), select.getExpression(), select.getIdentifier().toString(),
                    ElementKind.METHOD, call.getArguments(), out);
        } else if (leaf instanceof MemberReferenceTree
                && ((MemberReferenceTree) leaf).getMode() == MemberReferenceTree.ReferenceMode.INVOKE) {
            MemberReferenceTree reference = (MemberReferenceTree) leaf;
            check(path, reference.getQualifierExpression(), reference.getName().toString(), ElementKind.METHOD, null,
                    out);
        }
    }

    /** {@code arguments}: a call's arguments, null for a field or a method reference (any arity). */
    private void check(TreePath parent, ExpressionTree qualifier, String name, ElementKind kind,
            List<? extends ExpressionTree> arguments, NameRewriter.Output out) {
        if (!protectedNames.contains(name)) {
            return;
        }
        ReceiverTypes.Receiver target = receivers.receiverOf(new TreePath(parent, qualifier), out);
        if (target == null) {
            return;
        }
        List<Element> members = resolver.membersNamed(target.type, name, kind);
        if (kind == ElementKind.FIELD) {
            members = members.isEmpty() ? members : members.subList(0, 1); // the field javac finds first
        } else if (arguments != null) {
            members = List.copyOf(accessibility.applicable(ElementFilter.methodsIn(members),
                    receivers.argumentTypes(parent.getParentPath(), arguments)));
        }
        for (Element member : members) {
            if (accessibility.accessibleFromOwner(member) && accessibility.protectedElsewhere(member)) {
                resolver.report(Messages.PROTECTED_MEMBER.format(kind == ElementKind.FIELD ? "field" : "method",
                        name, ((TypeElement) member.getEnclosingElement()).getQualifiedName()), parent);
                return;
            }
        }
    }
}
