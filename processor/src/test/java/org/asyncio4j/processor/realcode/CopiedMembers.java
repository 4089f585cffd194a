package org.asyncio4j.processor.realcode;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The static members of the classes around a method that its twin must hold copies of: those a copy in another
 * package cannot reach (private, package-private or protected helpers and constants), with every member they need in
 * turn. A name is copied with all its static overloads, so that the copies, which hide the static imports of that
 * name, still offer every overload the body may call.
 *
 * <p>Only static methods and {@code static final} fields with an initializer are copied: they behave the same in
 * the twin class as in the original one. A mutable static field is shared state, so a body that needs one stays not
 * extractable, as does one that needs a private nested class or a private instance member.
 */
final class CopiedMembers {
    /** The names the copies declare, and their source text, in the order of the original class. */
    record Copies(Set<String> names, List<String> texts) {}

    private CopiedMembers() {}

    static Copies of(MethodSite site) {
        Map<String, List<Tree>> copyable = copyable(site);
        Set<String> names = new LinkedHashSet<>();
        Set<Tree> members = new LinkedHashSet<>();
        Deque<Tree> pending = new ArrayDeque<>(List.of(site.method()));
        while (!pending.isEmpty()) {
            for (String name : namesUsed(pending.pop())) {
                if (copyable.containsKey(name) && names.add(name)) {
                    members.addAll(copyable.get(name));
                    pending.addAll(copyable.get(name));
                }
            }
        }
        List<String> texts = new ArrayList<>();
        for (MethodSite.EnclosingClass enclosing : site.enclosingClasses()) {
            for (Tree member : enclosing.tree().getMembers()) {
                if (members.contains(member) && member != site.method()) {
                    texts.add(site.text(member));
                }
            }
        }
        if (members.contains(site.method())) {
            // A recursive helper calls itself: its twin holds an untouched copy under the same name.
            texts.add(site.text(site.method()));
        }
        return new Copies(names, texts);
    }

    /**
     * Names that the classes around the method declare as static members, at least one of them not public, each
     * with all its static members; an inner class's name hides an outer one's.
     */
    private static Map<String, List<Tree>> copyable(MethodSite site) {
        Map<String, List<Tree>> copyable = new LinkedHashMap<>();
        Set<String> declaredInside = new LinkedHashSet<>();
        for (MethodSite.EnclosingClass enclosing : site.enclosingClasses()) {
            Map<String, List<Tree>> byName = new LinkedHashMap<>();
            for (Tree member : enclosing.tree().getMembers()) {
                String name = member instanceof MethodTree m ? m.getName().toString()
                        : member instanceof VariableTree v ? v.getName().toString() : null;
                if (name != null && !declaredInside.contains(name)) {
                    byName.computeIfAbsent(name, n -> new ArrayList<>()).add(member);
                }
            }
            byName.forEach((name, members) -> {
                if (members.stream().allMatch(CopiedMembers::copiable)
                        && members.stream().anyMatch(member -> !isPublic(member))) {
                    copyable.put(name, members);
                }
            });
            declaredInside.addAll(byName.keySet());
        }
        return copyable;
    }

    private static boolean copiable(Tree member) {
        if (member instanceof MethodTree method) {
            return isStatic(member) && method.getBody() != null && !method.getName().contentEquals("<init>");
        }
        VariableTree field = (VariableTree) member;
        return isStatic(member) && field.getModifiers().getFlags().contains(Modifier.FINAL)
                && field.getInitializer() != null;
    }

    private static boolean isStatic(Tree member) {
        return modifiers(member).contains(Modifier.STATIC);
    }

    private static boolean isPublic(Tree member) {
        return modifiers(member).contains(Modifier.PUBLIC);
    }

    private static Set<Modifier> modifiers(Tree member) {
        return member instanceof MethodTree m ? m.getModifiers().getFlags()
                : ((VariableTree) member).getModifiers().getFlags();
    }

    /** Every simple name a tree uses: variables, fields and called methods. */
    private static Set<String> namesUsed(Tree tree) {
        Set<String> names = new LinkedHashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree identifier, Void unused) {
                names.add(identifier.getName().toString());
                return null;
            }
        }.scan(tree, null);
        return names;
    }
}
