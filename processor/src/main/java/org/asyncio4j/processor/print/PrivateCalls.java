package org.asyncio4j.processor.print;

import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The method and constructor half of {@link PrivateMembers}: calls of private methods of the owner's nest through
 * their bridges, creations through constructor bridges, and the method references generated code cannot reproduce.
 *
 * <pre>{@code
 * format(n)                        Private.format(self, n)
 * other.format(n)          ===>    Private.format(other, n)
 * new Greeter("hi")                Private.newGreeter("hi")
 * this::format                     reported: PrivateMethodReference
 * }</pre>
 * A bridge repeats the overloads javac chooses from (accessible here, as many parameters as arguments), so javac
 * still resolves the call and infers its type arguments.
 *
 * <p>Not thread-safe; one instance per {@link PrivateMembers}.
 */
final class PrivateCalls {
    private final PrivateMembers fields;
    private final MemberResolver resolver;
    private final ReceiverTypes receivers;
    private final Accessibility accessibility;
    private final TypeElement owner;
    private final String receiver;

    PrivateCalls(PrivateMembers fields, MemberResolver resolver, ReceiverTypes receivers,
            Accessibility accessibility, TypeElement owner, String receiver) {
        this.fields = fields;
        this.resolver = resolver;
        this.receivers = receivers;
        this.accessibility = accessibility;
        this.owner = owner;
        this.receiver = receiver;
    }

    boolean call(TreePath path, MethodInvocationTree tree, NameRewriter.Output out) {
        ExpressionTree select = tree.getMethodSelect();
        TypeElement type = null;
        TreePath receiverPath = null;
        boolean implicit = false;
        String name;
        if (select instanceof IdentifierTree) {
            name = ((IdentifierTree) select).getName().toString();
            if (name.equals("this") || name.equals("super") || resolver.isMemberOfLocalClass(path, name)) {
                return false;
            }
            for (TypeElement t = owner; t != null && type == null; t = MemberResolver.enclosingType(t)) {
                if (!resolver.membersNamed(t, name, ElementKind.METHOD).isEmpty()) {
                    type = t;
                }
            }
            implicit = true;
        } else if (select instanceof MemberSelectTree) {
            name = ((MemberSelectTree) select).getIdentifier().toString();
            if (fields.nestMethodDeclaring(name, receivers.argumentTypes(path, tree.getArguments())) == null) {
                return false;
            }
            TreePath qualifier = new TreePath(new TreePath(path, select), ((MemberSelectTree) select).getExpression());
            ReceiverTypes.Receiver target = receivers.receiverOf(qualifier, out);
            if (target == null) {
                fields.unknownReceiver(path, qualifier, "method", fields.nestMethodDeclaring(name,
                        receivers.argumentTypes(path, tree.getArguments())),
                        name);
                return false;
            }
            type = target.type;
            receiverPath = target.isType ? null : qualifier;
        } else {
            return false;
        }
        if (type == null) {
            return false;
        }
        // The overloads javac chooses from (JLS 15.12.2.1): accessible here, and as many parameters as arguments.
        // Bridges repeat their signatures and javac picks among the bridges; whether bridges take the receiver
        // depends on all accessible overloads, so that every call of this name agrees.
        List<ExecutableElement> overloads = ElementFilter.methodsIn(resolver.membersNamed(type, name,
                ElementKind.METHOD)).stream().filter(accessibility::accessibleFromOwner).collect(Collectors.toList());
        List<ExecutableElement> candidates = accessibility.applicable(overloads,
                receivers.argumentTypes(path, tree.getArguments()));
        if (candidates.stream().noneMatch(PrivateMembers::isPrivate)) {
            return false;
        }
        ExecutableElement unreachable = candidates.stream().filter(accessibility::protectedElsewhere).findFirst()
                .orElse(null);
        if (unreachable != null) {
            // A bridge for it would not compile, and without types the processor cannot tell it is not meant.
            resolver.report(Messages.PROTECTED_MEMBER.format("method", name,
                    PrivateMembers.declaring(unreachable).getQualifiedName()), path);
            out.write(tree.toString());
            return true;
        }
        boolean anyInstance = overloads.stream().anyMatch(m -> !PrivateMembers.isStatic(m));
        boolean mixed = anyInstance && overloads.stream().anyMatch(PrivateMembers::isStatic);
        if (!anyInstance && receiverPath != null && fields.discardsComputedReceiver(path, receiverPath, candidates.get(0))) {
            out.write(tree.toString());
            return true;
        }
        if (implicit && anyInstance && type != owner) {
            return false; // the enclosing instance: the resolver reports it
        }
        out.write(fields.access().methods(type, candidates, mixed));
        out.write("(");
        boolean first = true;
        if (anyInstance) {
            if (receiverPath != null) {
                out.print(receiverPath);
            } else {
                out.write(implicit && receiver != null ? receiver : "null");
            }
            first = false;
        }
        for (ExpressionTree argument : tree.getArguments()) {
            out.write(first ? "" : ", ");
            out.print(new TreePath(path, argument));
            first = false;
        }
        out.write(")");
        return true;
    }

    boolean construct(TreePath path, NewClassTree tree, NameRewriter.Output out) {
        Tree identifier = tree.getIdentifier();
        List<? extends Tree> typeArguments = List.of();
        if (identifier instanceof ParameterizedTypeTree) {
            typeArguments = ((ParameterizedTypeTree) identifier).getTypeArguments();
        }
        TypeElement type = receivers.typeNamed(ReceiverTypes.rawType(new TreePath(path, identifier)));
        if (type == null || !accessibility.inNest(type)) {
            return false; // javac resolves another class's constructors among the accessible ones, as written
        }
        List<ExecutableElement> constructors = accessibility.applicable(
                ElementFilter.constructorsIn(type.getEnclosedElements()), receivers.argumentTypes(path,
                        tree.getArguments()));
        if (constructors.stream().noneMatch(PrivateMembers::isPrivate)) {
            return false;
        }
        boolean inner = type.getNestingKind() == NestingKind.MEMBER && !PrivateMembers.isStatic(type)
                && type.getKind() == ElementKind.CLASS;
        if (tree.getClassBody() != null || tree.getEnclosingExpression() != null || inner
                || !tree.getTypeArguments().isEmpty()) {
            String where = tree.getClassBody() != null ? "an anonymous subclass"
                    : "an inner class creation (it needs an enclosing instance)";
            String culprit = (tree.getEnclosingExpression() != null ? tree.getEnclosingExpression() + "." : "")
                    + "new " + tree.getIdentifier() + "(..)" + (tree.getClassBody() != null ? " { ... }" : "");
            resolver.report(Messages.PRIVATE_CONSTRUCTOR_SUBCLASS.format(culprit, type.getSimpleName(), where,
                    type.getSimpleName()), path);
            return false;
        }
        String bridge = fields.access().constructors(type, constructors);
        if (!typeArguments.isEmpty()) {
            String prefix = bridge.substring(0, bridge.indexOf('.') + 1);
            out.write(prefix + "<");
            for (int i = 0; i < typeArguments.size(); i++) {
                out.write(i == 0 ? "" : ", ");
                out.print(new TreePath(new TreePath(path, tree.getIdentifier()), typeArguments.get(i)));
            }
            out.write(">" + bridge.substring(prefix.length()));
        } else {
            out.write(bridge);
        }
        out.write("(");
        for (int i = 0; i < tree.getArguments().size(); i++) {
            out.write(i == 0 ? "" : ", ");
            out.print(new TreePath(path, tree.getArguments().get(i)));
        }
        out.write(")");
        return true;
    }

    /** {@code this::helper}, {@code Demo::helper}, {@code Demo::new} naming private members: reported. */
    void checkReference(TreePath path, MemberReferenceTree tree, NameRewriter.Output out) {
        String name = tree.getName().toString();
        boolean constructor = tree.getMode() == MemberReferenceTree.ReferenceMode.NEW;
        if (!constructor && fields.nestMethodDeclaring(name, null) == null) {
            return;
        }
        TypeElement type = constructor ? receivers.typeNamed(ReceiverTypes.rawType(
                new TreePath(path, tree.getQualifierExpression()))) : null;
        if (!constructor) {
            ReceiverTypes.Receiver target = receivers.receiverOf(new TreePath(path, tree.getQualifierExpression()),
                    out);
            type = target == null ? null : target.type;
        }
        if (type == null || !accessibility.inNest(type)) {
            return; // another class's private members are no candidates
        }
        List<? extends Element> members = constructor ? ElementFilter.constructorsIn(type.getEnclosedElements())
                : resolver.membersNamed(type, name, ElementKind.METHOD);
        if (members.stream().anyMatch(m -> PrivateMembers.isPrivate(m) && accessibility.accessibleFromOwner(m))) {
            resolver.report(Messages.PRIVATE_METHOD_REFERENCE.format(tree, constructor ? "constructor" : "method",
                    type.getSimpleName(), constructor ? "new " + type.getSimpleName() : name), path);
        }
    }
}
