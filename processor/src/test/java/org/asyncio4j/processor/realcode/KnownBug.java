package org.asyncio4j.processor.realcode;

import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Processor bugs known and being fixed elsewhere (#13), and those this suite found and did not fix, as shapes of
 * methods or splices. With
 * {@code -Drealcode.avoid=NAME,...} the suite skips a method of that shape (counted as {@link Verdict#AVOIDED}) or
 * does not splice there, to measure everything else; without it, a failure of that shape is labelled with the bug's
 * name, which counts the methods each bug affects.
 */
enum KnownBug {
    /**
     * (a) An await in the arguments of a call on a package-qualified class name ({@code java.util.List.of(x,
     * await(f))}): the name is kept as if it were a value ({@code spilled(saved1, () -> java.lang.Character)}), which
     * does not compile. A call on a simple class name ({@code Character.isDigit(await(f))}) works.
     */
    QUALIFIED_CLASS_RECEIVER {
        @Override
        boolean matchesSplice(MethodSite site, SpliceSite splice) {
            if (splice.kind() == SpliceSite.Kind.STATEMENT) {
                return false;
            }
            for (TreePath path = splice.path().getParentPath(); path != null
                    && !(path.getLeaf() instanceof StatementTree); path = path.getParentPath()) {
                if (path.getLeaf() instanceof MethodInvocationTree call
                        && call.getMethodSelect() instanceof MemberSelectTree select
                        && isPackageQualifiedTypeName(select.getExpression())) {
                    return true;
                }
            }
            return false;
        }
    },
    /**
     * (b) {@code new C(...)} of a JDK class C that has a constructor that is not public
     * ({@code new BigInteger(1, bytes)}, {@code new BitSet()}, {@code new String(chars)}): the processor routes the
     * call through private-access bridges for all of C's constructors, which picks a non-public overload (a compile
     * error) or fails when the bridges are created ({@code LinkageError}: java.base does not open java.util). Every
     * such {@code new} in the body has the shape, whether or not an await is near it.
     */
    PRIVATE_JDK_OVERLOAD {
        @Override
        boolean matchesMethod(MethodSite site) {
            boolean[] found = {false};
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitNewClass(NewClassTree node, Void unused) {
                    Class<?> created = TypeNames.resolve(site, node.getIdentifier());
                    found[0] |= created != null && created.getName().startsWith("java")
                            && hasNonPublicConstructor(created);
                    return super.visitNewClass(node, unused);
                }
            }.scan(site.method().getBody(), null);
            return found[0];
        }
    },
    /** (c) An {@code instanceof} pattern whose binding is used after an await: the binding is lost. */
    PATTERN_BINDING {
        @Override
        boolean matchesMethod(MethodSite site) {
            boolean[] found = {false};
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitInstanceOf(InstanceOfTree node, Void unused) {
                    found[0] |= node.getPattern() != null;
                    return super.visitInstanceOf(node, unused);
                }
            }.scan(site.method().getBody(), null);
            return found[0];
        }
    },
    /**
     * Found by this suite (Functions.tryWithResources in commons-lang3, seed 3), akin to (a), fixed with it: an await
     * in the dimension of an array created with a package-qualified element type ({@code new java.lang.String[2 +
     * await(f)]}) kept the type name as if it were a value ({@code saved1 = java.lang.String;}), which did not
     * compile.
     */
    QUALIFIED_ARRAY_TYPE {
        @Override
        boolean matchesSplice(MethodSite site, SpliceSite splice) {
            if (splice.kind() == SpliceSite.Kind.STATEMENT) {
                return false;
            }
            for (TreePath path = splice.path().getParentPath(); path != null
                    && !(path.getLeaf() instanceof StatementTree); path = path.getParentPath()) {
                if (path.getLeaf() instanceof NewArrayTree array && array.getType() != null
                        && isPackageQualifiedTypeName(elementType(array.getType()))) {
                    return true;
                }
            }
            return false;
        }
    },
    /**
     * Found by this suite (Functions.tryWithResources in commons-lang3, seed 2): a branch of {@code ?:} that is a
     * method reference whose receiver awaits ({@code Runnable x = c ? (await(f))::run : null;}) was spilled into an
     * {@code Object} slot, where it has no target type, and did not compile. Now the documented restriction
     * {@code [FunctionBranchAcrossAwait]}.
     */
    METHOD_REFERENCE_BRANCH {
        @Override
        boolean matchesSplice(MethodSite site, SpliceSite splice) {
            boolean inReference = false;
            for (TreePath path = splice.path().getParentPath(); path != null
                    && !(path.getLeaf() instanceof StatementTree); path = path.getParentPath()) {
                inReference |= path.getLeaf() instanceof MemberReferenceTree;
                if (inReference && path.getLeaf() instanceof ConditionalExpressionTree) {
                    return true;
                }
            }
            return false;
        }
    },
    /**
     * (d) A {@code var} whose initializer names a generated companion ({@code [UnknownLocalType]}). Twins never
     * write a companion into a {@code var}, so nothing has this shape; listed so every known bug has its switch.
     */
    VAR_COMPANION,
    /** (e) The Eclipse compiler crashes; this suite compiles with javac only, so nothing has this shape. */
    ECJ_CRASH;

    /** Whether the whole method has the shape: it is skipped when avoided. */
    boolean matchesMethod(MethodSite site) {
        return false;
    }

    /** Whether an await at this site has the shape: the splicer does not use the site when avoided. */
    boolean matchesSplice(MethodSite site, SpliceSite splice) {
        return false;
    }

    /** Parses {@code -Drealcode.avoid=QUALIFIED_CLASS_RECEIVER,PATTERN_BINDING}; "none" or empty means none. */
    static Set<KnownBug> parse(String names) {
        Set<KnownBug> bugs = EnumSet.noneOf(KnownBug.class);
        if (names != null && !names.isBlank() && !names.equalsIgnoreCase("none")) {
            Arrays.stream(names.split(",")).map(name -> valueOf(name.trim().toUpperCase(Locale.ROOT)))
                    .forEach(bugs::add);
        }
        return bugs;
    }

    /** {@code java.util.List}: a dotted name from a lower-case package to a capitalized class. */
    private static boolean isPackageQualifiedTypeName(ExpressionTree receiver) {
        if (!(receiver instanceof MemberSelectTree select)
                || !Character.isUpperCase(select.getIdentifier().toString().charAt(0))) {
            return false;
        }
        ExpressionTree root = select.getExpression();
        while (root instanceof MemberSelectTree inner) {
            root = inner.getExpression();
        }
        return root instanceof IdentifierTree identifier
                && Character.isLowerCase(identifier.getName().toString().charAt(0));
    }

    /** {@code a.b.C} of {@code a.b.C[]} or {@code a.b.C<T>}. */
    private static ExpressionTree elementType(com.sun.source.tree.Tree type) {
        com.sun.source.tree.Tree element = type;
        while (element instanceof com.sun.source.tree.ArrayTypeTree array) {
            element = array.getType();
        }
        if (element instanceof com.sun.source.tree.ParameterizedTypeTree parameterized) {
            element = parameterized.getType();
        }
        return element instanceof ExpressionTree expression ? expression : null;
    }

    private static boolean hasNonPublicConstructor(Class<?> type) {
        try {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (!Modifier.isPublic(constructor.getModifiers())) {
                    return true;
                }
            }
        } catch (LinkageError e) {
            return false;
        }
        return false;
    }
}
