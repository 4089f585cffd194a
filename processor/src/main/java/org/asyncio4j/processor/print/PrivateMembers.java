package org.asyncio4j.processor.print;

import org.asyncio4j.processor.scan.Companions;
import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Prints the uses of private fields, methods and constructors of the owner's classes (its nest) in copied code,
 * through the handles and bridges of {@link PrivateAccess}; the {@link NameRewriter#expression} half of
 * {@link MemberResolver}.
 *
 * <pre>{@code
 * greeting                         (String) Private.GREETING.get(self)
 * other.count += n;          ===>  Private.COUNT.set(other, (int) ((int) Private.COUNT.get(other) + n));
 * y = ++count                      y = Private.setCount(self, (int) ((int) Private.COUNT.get(self) + 1))
 * }</pre>
 * Fields are printed here; calls, creations and method references by {@link PrivateCalls}.
 * Member types come from the elements of the classes; the class of an explicit receiver is found without attributing
 * the body ({@link ReceiverTypes}); only members javac would consider are candidates ({@link Accessibility}).
 * Compound assignments keep Java's order (receiver, old value, right operand) and its implicit narrowing cast
 * (JLS 15.26.2); the receiver is printed twice, so it must be a name or a chain of field reads.
 *
 * <p>Not thread-safe; one instance per {@link MemberResolver}.
 */
final class PrivateMembers {
    private final MemberResolver resolver;
    private final TypeElement owner;
    private final String receiver;
    private final PrivateAccess access;
    private final ReceiverTypes receivers;
    private final Accessibility accessibility;
    private final CompanionTypeText typeText;
    private final PrivateCalls calls;

    /** {@code unit} is the owner's file (passed in: {@code Trees.getPath(owner)} searches the file per method). */
    PrivateMembers(MemberResolver resolver, ReceiverTypes receivers, Accessibility accessibility, Elements elements,
            TypeElement owner, CompilationUnitTree unit, String receiver) {
        this.resolver = resolver;
        this.receivers = receivers;
        this.accessibility = accessibility;
        this.owner = owner;
        this.receiver = receiver;
        this.access = PrivateAccess.of(owner, () -> Companions.namesIn(unit));
        this.typeText = new CompanionTypeText(elements, owner, unit);
        this.calls = new PrivateCalls(this, resolver, receivers, accessibility, owner, receiver);
    }

    /** A field use and how to reach it: the element, and the printed receiver (null for a static field). */
    private static final class FieldUse {
        final VariableElement field;
        final TreePath receiverPath;
        final boolean implicitReceiver;

        FieldUse(VariableElement field, TreePath receiverPath, boolean implicitReceiver) {
            this.field = field;
            this.receiverPath = receiverPath;
            this.implicitReceiver = implicitReceiver;
        }
    }

    boolean print(TreePath path, NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        switch (leaf.getKind()) {
            case IDENTIFIER:
            case MEMBER_SELECT: {
                FieldUse use = field(path, out);
                if (use == null) {
                    return false;
                }
                read(use, path, out);
                return true;
            }
            case ASSIGNMENT:
                return assign(path, ((AssignmentTree) leaf).getVariable(), null, ((AssignmentTree) leaf).getExpression(),
                        out);
            case PREFIX_INCREMENT:
            case PREFIX_DECREMENT:
            case POSTFIX_INCREMENT:
            case POSTFIX_DECREMENT:
                return assign(path, ((UnaryTree) leaf).getExpression(), PrinterOperators.unary((UnaryTree) leaf),
                        null, out);
            case METHOD_INVOCATION:
                return calls.call(path, (MethodInvocationTree) leaf, out);
            case NEW_CLASS:
                return calls.construct(path, (NewClassTree) leaf, out);
            case MEMBER_REFERENCE:
                calls.checkReference(path, (MemberReferenceTree) leaf, out);
                return false;
            default:
                if (leaf instanceof CompoundAssignmentTree) {
                    CompoundAssignmentTree compound = (CompoundAssignmentTree) leaf;
                    String operator = PrinterOperators.compoundAssignment(compound);
                    return assign(path, compound.getVariable(), operator.substring(0, operator.length() - 1),
                            compound.getExpression(), out);
                }
                return false;
        }
    }

    // ---------------------------------------------------------------- fields

    /** The private field that a name or select at {@code path} means, or null. */
    private FieldUse field(TreePath path, NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof IdentifierTree) {
            String name = ((IdentifierTree) leaf).getName().toString();
            Tree parent = path.getParentPath().getLeaf();
            if (name.equals("this") || name.equals("super") || out.declaresVariable(name)
                    || resolver.isLocal(leaf) || parent.getKind() == Tree.Kind.CASE
                    || resolver.isMemberOfLocalClass(path, name)) {
                return null;
            }
            for (TypeElement type = owner; type != null; type = MemberResolver.enclosingType(type)) {
                List<Element> fields = resolver.membersNamed(type, name, ElementKind.FIELD);
                if (!fields.isEmpty()) {
                    VariableElement field = (VariableElement) fields.get(0);
                    if (!isPrivate(field) || (!isStatic(field) && type != owner)) {
                        return null; // a reachable field, or an enclosing instance's (reported by the resolver)
                    }
                    return new FieldUse(field, null, true);
                }
            }
            return null;
        }
        MemberSelectTree select = (MemberSelectTree) leaf;
        String name = select.getIdentifier().toString();
        if (name.equals("class") || name.equals("this") || name.equals("super") || !privateNameInNest(name,
                ElementKind.FIELD)) {
            return null;
        }
        TreePath qualifier = new TreePath(path, select.getExpression());
        if (name.equals("length") && receivers.isKnownArray(qualifier, out)) {
            return null; // an array's length, though the class has a private field of that name
        }
        ReceiverTypes.Receiver target = receivers.receiverOf(qualifier, out);
        if (target == null) {
            unknownReceiver(path, qualifier, "field", nestMemberDeclaring(name, ElementKind.FIELD, null), name);
            return null;
        }
        if (!accessibility.inNest(target.type)) {
            return null; // another class's private field is no candidate: javac reports it, or means another one
        }
        for (VariableElement field : ElementFilter.fieldsIn(target.type.getEnclosedElements())) {
            if (field.getSimpleName().contentEquals(name) && isPrivate(field)) {
                if (!target.isType && isStatic(field) && discardsComputedReceiver(path, qualifier, field)) {
                    return null;
                }
                return new FieldUse(field, target.isType ? null : qualifier, false);
            }
        }
        return null;
    }

    /** {@code (String) Private.GREETING.get(self)}, parenthesised where a cast would bind too loosely. */
    private void read(FieldUse use, TreePath path, NameRewriter.Output out) {
        if (!checkGeneric(use, path)) {
            out.write(use.field.getSimpleName());
            return;
        }
        Tree parent = path.getParentPath().getLeaf();
        boolean parenthesize = parent instanceof MemberSelectTree || parent instanceof MemberReferenceTree
                || parent.getKind() == Tree.Kind.ARRAY_ACCESS
                && ((com.sun.source.tree.ArrayAccessTree) parent).getExpression() == path.getLeaf();
        out.write(parenthesize ? "(" : "");
        access.castTo(use.field.asType());
        out.write("(" + typeText.of(use.field.asType()) + ") " + access.field(use.field) + ".get(");
        receiverArgument(use, out, false);
        out.write(parenthesize ? "))" : ")");
    }

    /**
     * An assignment, compound assignment ({@code operator} "+", "<<", ...) or increment (operator "++"/"--",
     * {@code value} null) of a private field; false if the target is not one.
     */
    private boolean assign(TreePath path, ExpressionTree target, String operator, ExpressionTree value,
            NameRewriter.Output out) {
        TreePath targetPath = new TreePath(path, unparenthesized(target));
        if (!(targetPath.getLeaf() instanceof IdentifierTree || targetPath.getLeaf() instanceof MemberSelectTree)) {
            return false;
        }
        FieldUse use = field(targetPath, out);
        if (use == null) {
            return false;
        }
        if (!checkGeneric(use, path)) {
            return false;
        }
        if (operator != null && use.receiverPath != null && !isPure(use.receiverPath.getLeaf())) {
            resolver.report(Messages.PRIVATE_FIELD_COMPUTED_RECEIVER.format(path.getLeaf(),
                    use.field.getSimpleName(), declaring(use.field).getSimpleName(), use.receiverPath.getLeaf(),
                    use.receiverPath.getLeaf()), path);
            return false;
        }
        Tree parent = path.getParentPath().getLeaf();
        boolean statement = parent instanceof ExpressionStatementTree;
        boolean postfix = path.getLeaf().getKind() == Tree.Kind.POSTFIX_INCREMENT
                || path.getLeaf().getKind() == Tree.Kind.POSTFIX_DECREMENT;
        String handle = access.field(use.field);
        String type = typeText.of(use.field.asType());
        access.castTo(use.field.asType());
        boolean lambdaBody = parent instanceof LambdaExpressionTree;
        if (statement) {
            out.write(handle + ".set(");
        } else if (postfix) {
            out.write((lambdaBody ? access.value() + "(" : "") + "(" + type + ") " + handle + ".getAndSet(");
        } else {
            out.write(access.setter(use.field) + "(");
        }
        receiverArgument(use, out, true);
        boolean cast = operator != null || needsCast(use.field.asType());
        out.write(cast ? "(" + type + ") " : "");
        if (operator == null) {
            printOperand(new TreePath(path, value), out, cast);
        } else {
            out.write("((" + type + ") " + handle + ".get(");
            receiverArgument(use, out, false);
            out.write(") ");
            if (value == null) {
                out.write(operator.substring(1) + " 1)");
            } else {
                out.write(operator + " ");
                printOperand(new TreePath(path, value), out, true);
                out.write(")");
            }
        }
        out.write(postfix && lambdaBody ? "))" : ")");
        return true;
    }

    /** Prints {@code self, } / {@code other, } (with the separator when {@code more}), nothing for a static field. */
    private void receiverArgument(FieldUse use, NameRewriter.Output out, boolean more) {
        if (isStatic(use.field)) {
            return;
        }
        if (use.implicitReceiver) {
            out.write(receiver);
        } else {
            out.print(use.receiverPath);
        }
        out.write(more ? ", " : "");
    }

    /** An operand after a cast or operator: parenthesised unless it is a primary expression. */
    private static void printOperand(TreePath operand, NameRewriter.Output out, boolean guard) {
        boolean primary = operand.getLeaf() instanceof IdentifierTree || operand.getLeaf() instanceof MemberSelectTree
                || operand.getLeaf() instanceof MethodInvocationTree || operand.getLeaf() instanceof ParenthesizedTree
                || operand.getLeaf().getKind() == Tree.Kind.ARRAY_ACCESS
                || (operand.getLeaf() instanceof com.sun.source.tree.LiteralTree
                        && !operand.getLeaf().toString().startsWith("-"));
        boolean parenthesize = guard && !primary;
        out.write(parenthesize ? "(" : "");
        out.print(operand);
        out.write(parenthesize ? ")" : "");
    }

    /** A type that depends on the receiver's type arguments works only through {@code this}, whose are in scope. */
    private boolean checkGeneric(FieldUse use, TreePath path) {
        if (!CompanionTypeText.mentionsTypeVariable(use.field.asType()) || isStatic(use.field)) {
            return true;
        }
        boolean throughSelf = use.implicitReceiver || isThis(use.receiverPath.getLeaf());
        if (throughSelf && declaring(use.field) == owner && receiver != null) {
            return true;
        }
        resolver.report(Messages.PRIVATE_GENERIC_FIELD.format(use.field.getSimpleName(),
                declaring(use.field).getSimpleName(), use.field.asType(),
                use.receiverPath == null ? "this" : use.receiverPath.getLeaf()), path);
        return false;
    }

    private boolean isThis(Tree tree) {
        Tree t = unparenthesized(tree);
        return (t instanceof IdentifierTree && ((IdentifierTree) t).getName().contentEquals("this"))
                || (t instanceof MemberSelectTree && ((MemberSelectTree) t).getIdentifier().contentEquals("this"));
    }

    /**
     * Reports a static member used through a computed receiver ({@code find().helper()}): Java evaluates the receiver
     * and discards its value (JLS 15.11.1, 15.12.4.1), a bridge or handle would not evaluate it at all. Names and
     * field reads are taken as free of effects, as everywhere in this class.
     */
    boolean discardsComputedReceiver(TreePath path, TreePath receiverPath, Element member) {
        if (isPure(receiverPath.getLeaf())) {
            return false;
        }
        String kind = member.getKind() == ElementKind.FIELD ? "field" : "method";
        String type = declaring(member).getSimpleName().toString();
        resolver.report(Messages.PRIVATE_STATIC_COMPUTED_RECEIVER.format(path.getLeaf(), kind,
                member.getSimpleName(), type, receiverPath.getLeaf(), type, member.getSimpleName(),
                receiverPath.getLeaf()), path);
        return true;
    }

    /** Whether evaluating the receiver twice is the same as once: names, field reads, literals. */
    private static boolean isPure(Tree tree) {
        Tree t = unparenthesized(tree);
        if (t instanceof IdentifierTree || t instanceof com.sun.source.tree.LiteralTree) {
            return true;
        }
        if (t instanceof MemberSelectTree) {
            return isPure(((MemberSelectTree) t).getExpression());
        }
        return false;
    }

    /** Primitives and their boxes need a cast: {@code byte b; b = 1} relies on assignment conversion. */
    private static boolean needsCast(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        return type.getKind() == TypeKind.DECLARED && ((TypeElement) ((DeclaredType) type).asElement())
                .getQualifiedName().toString().matches("java\\.lang\\.(Byte|Short|Character|Integer|Long|Float|"
                        + "Double|Boolean)");
    }

    void unknownReceiver(TreePath path, TreePath qualifier, String kind, TypeElement declaring,
            String name) {
        if (isThis(qualifier.getLeaf())) {
            return; // `this` inside a class body of the copied code: its own member
        }
        String guess = declaring.getSimpleName().toString();
        resolver.report(Messages.PRIVATE_RECEIVER_UNKNOWN.format(path.getLeaf(), kind, name, guess,
                qualifier.getLeaf(), guess, qualifier.getLeaf(), name), path);
    }

    /** Whether a class of the owner's nest declares a private field of this name. */
    private boolean privateNameInNest(String name, ElementKind kind) {
        return nestMemberDeclaring(name, kind, null) != null;
    }

    /**
     * The class of the owner's nest that declares a private method of this name that may apply to arguments of these
     * types ({@link Accessibility#mayApply}; null: any arguments).
     */
    TypeElement nestMethodDeclaring(String name, List<TypeMirror> arguments) {
        return nestMemberDeclaring(name, ElementKind.METHOD, arguments);
    }

    private TypeElement nestMemberDeclaring(String name, ElementKind kind, List<TypeMirror> arguments) {
        return declaringIn(Accessibility.topLevel(owner), name, kind, arguments);
    }

    private TypeElement declaringIn(TypeElement type, String name, ElementKind kind, List<TypeMirror> arguments) {
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == kind && member.getSimpleName().contentEquals(name) && isPrivate(member)
                    && (arguments == null || accessibility.mayApply((ExecutableElement) member, arguments))) {
                return type;
            }
        }
        for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
            TypeElement found = declaringIn(nested, name, kind, arguments);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ExpressionTree unparenthesized(Tree tree) {
        Tree t = tree;
        while (t instanceof ParenthesizedTree) {
            t = ((ParenthesizedTree) t).getExpression();
        }
        return (ExpressionTree) t;
    }

    static TypeElement declaring(Element member) {
        return (TypeElement) member.getEnclosingElement();
    }

    static boolean isPrivate(Element element) {
        return element.getModifiers().contains(Modifier.PRIVATE);
    }

    static boolean isStatic(Element element) {
        return element.getModifiers().contains(Modifier.STATIC);
    }

    /** The holder class for the companion (null when nothing was used). */
    PrivateAccess access() {
        return access;
    }
}
