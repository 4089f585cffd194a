package org.asyncio4j.processor.print;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Classes and methods declared inside printed code (local classes, records, enums, interfaces, anonymous class
 * bodies), for {@link SourcePrinter}: the second layer of its visitor, on top of {@link PrinterCore}.
 *
 * <p>A class body is one scope frame holding all its members at once (members are in scope in the whole body), and
 * inside it {@code this}/{@code super} are the class's own. javac's parser records some declarations in ways the
 * public tree API does not show directly (enum constants are fields initialised with {@code new E(..)}, record
 * components are the record's instance fields, a compact constructor gets the components as parameters); each is
 * recognised by a shape that user code cannot write otherwise.
 *
 * <p>Not thread-safe; one instance per {@code print} call.
 */
abstract class PrinterDeclarations extends PrinterTypes {
    PrinterDeclarations(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions, int indentLevel) {
        super(rewriter, unit, positions, indentLevel);
    }

    @Override
    public Void visitClass(ClassTree tree, TreePath path) {
        scope.declareClass(tree);
        List<ClassTree> inherited = new ArrayList<>();
        inheritedClasses(tree.getExtendsClause(), inherited);
        for (Tree type : tree.getImplementsClause()) {
            inheritedClasses(type, inherited);
        }
        modifiers(path, tree.getModifiers(), true, true);
        switch (tree.getKind()) {
            case INTERFACE:
                w("interface ");
                break;
            case ENUM:
                w("enum ");
                break;
            case ANNOTATION_TYPE:
                w("@interface ");
                break;
            case RECORD:
                w("record ");
                break;
            default:
                w("class ");
                break;
        }
        w(tree.getSimpleName());
        scope.pushClassBody();
        declareMembers(tree, inherited);
        typeParameters(path, tree.getTypeParameters());
        if (tree.getKind() == Tree.Kind.RECORD) {
            List<VariableTree> components = recordComponents(tree);
            w("(");
            for (int i = 0; i < components.size(); i++) {
                if (i > 0) {
                    w(", ");
                }
                variable(child(path, components.get(i)), VariableKind.RECORD_COMPONENT, false,
                        i == components.size() - 1);
            }
            w(")");
        }
        if (tree.getExtendsClause() != null) {
            w(" extends ");
            type(path, tree.getExtendsClause());
        }
        if (!tree.getImplementsClause().isEmpty()) {
            w(tree.getKind() == Tree.Kind.INTERFACE ? " extends " : " implements ");
            types(path, tree.getImplementsClause(), ", ");
        }
        if (!tree.getPermitsClause().isEmpty()) {
            w(" permits ");
            types(path, tree.getPermitsClause(), ", ");
        }
        w(" ");
        classBody(path);
        scope.pop();
        return null;
    }

    /**
     * The body of an anonymous class (the leaf of {@code path} is its {@link ClassTree}), in a class frame.
     *
     * @param supertype the class name after {@code new}, or {@code null} (an enum constant's body)
     */
    final void anonymousClassBody(TreePath path, Tree supertype) {
        List<ClassTree> inherited = new ArrayList<>();
        inheritedClasses(supertype, inherited);
        scope.pushClassBody();
        declareMembers((ClassTree) path.getLeaf(), inherited);
        classBody(path);
        scope.pop();
    }

    /**
     * The classes declared in the printed code that {@code supertype} names, with their own such supertypes: their
     * members are inherited. Resolved outside the new class body, as Java resolves {@code extends}.
     */
    private void inheritedClasses(Tree supertype, List<ClassTree> found) {
        Tree type = supertype;
        while (type instanceof ParameterizedTypeTree || type instanceof AnnotatedTypeTree) {
            type = type instanceof ParameterizedTypeTree ? ((ParameterizedTypeTree) type).getType()
                    : ((AnnotatedTypeTree) type).getUnderlyingType();
        }
        if (!(type instanceof IdentifierTree)) {
            return;
        }
        ClassTree declared = scope.declaredClass(((IdentifierTree) type).getName());
        if (declared == null || found.contains(declared)) {
            return;
        }
        found.add(declared);
        inheritedClasses(declared.getExtendsClause(), found);
        for (Tree parent : declared.getImplementsClause()) {
            inheritedClasses(parent, found);
        }
    }

    /** All members are in scope in the whole body, so declare them before printing any. */
    private void declareMembers(ClassTree tree, List<ClassTree> inherited) {
        for (TypeParameterTree parameter : tree.getTypeParameters()) {
            scope.declareType(parameter.getName());
        }
        for (ClassTree parent : inherited) {
            declareFieldsMethodsAndTypes(parent);
        }
        declareFieldsMethodsAndTypes(tree);
        if (tree.getKind() == Tree.Kind.RECORD) {
            for (VariableTree component : recordComponents(tree)) {
                scope.declareMethod(component.getName()); // the implicit accessor
            }
        } else if (tree.getKind() == Tree.Kind.ENUM) {
            scope.declareMethod("values");
            scope.declareMethod("valueOf");
        }
    }

    private void declareFieldsMethodsAndTypes(ClassTree tree) {
        for (Tree member : tree.getMembers()) {
            if (member instanceof VariableTree) {
                scope.declareVariable(((VariableTree) member).getName());
            } else if (member instanceof MethodTree && !((MethodTree) member).getName().contentEquals("<init>")) {
                scope.declareMethod(((MethodTree) member).getName());
            } else if (member instanceof ClassTree) {
                scope.declareClass((ClassTree) member);
            }
        }
    }

    /** Record components are the record's instance fields: a record cannot declare others. */
    private static List<VariableTree> recordComponents(ClassTree record) {
        List<VariableTree> components = new ArrayList<>();
        for (Tree member : record.getMembers()) {
            if (member instanceof VariableTree
                    && !((VariableTree) member).getModifiers().getFlags().contains(Modifier.STATIC)) {
                components.add((VariableTree) member);
            }
        }
        return components;
    }

    /**
     * An enum constant: javac models {@code A(1) {..}} as a field {@code E A = new E(1) {..}}. A user cannot write
     * {@code new E(..)} for an enum, so such a field in an enum body is a constant.
     */
    private static boolean isEnumConstant(ClassTree owner, Tree member) {
        if (owner.getKind() != Tree.Kind.ENUM || !(member instanceof VariableTree)) {
            return false;
        }
        Tree initializer = ((VariableTree) member).getInitializer();
        if (!(initializer instanceof NewClassTree)) {
            return false;
        }
        NewClassTree creation = (NewClassTree) initializer;
        return creation.getEnclosingExpression() == null && creation.getIdentifier() instanceof IdentifierTree
                && ((IdentifierTree) creation.getIdentifier()).getName().contentEquals(owner.getSimpleName());
    }

    private void classBody(TreePath path) {
        ClassTree tree = (ClassTree) path.getLeaf();
        List<Tree> constants = new ArrayList<>();
        List<Tree> members = new ArrayList<>();
        List<VariableTree> components = tree.getKind() == Tree.Kind.RECORD ? recordComponents(tree) : List.of();
        for (Tree member : tree.getMembers()) {
            if (isEnumConstant(tree, member)) {
                constants.add(member);
            } else if (!components.contains(member)) {
                members.add(member);
            }
        }
        if (constants.isEmpty() && members.isEmpty()) {
            w("{}");
            return;
        }
        w("{");
        indent();
        for (int i = 0; i < constants.size(); i++) {
            nl();
            enumConstant(child(path, constants.get(i)));
            w(i < constants.size() - 1 ? "," : ";");
        }
        if (constants.isEmpty() && tree.getKind() == Tree.Kind.ENUM && tree.getSimpleName().length() > 0) {
            nl();
            w(";");
        }
        boolean first = constants.isEmpty() && tree.getKind() != Tree.Kind.ENUM;
        for (Tree member : members) {
            if (!first && (member instanceof MethodTree || member instanceof ClassTree)) {
                w("\n"); // an empty line before a method or class, as people write them
            }
            first = false;
            nl();
            TreePath memberPath = child(path, member);
            if (member instanceof VariableTree) {
                variable(memberPath, VariableKind.FIELD, false, false);
                w(";");
            } else if (member instanceof MethodTree) {
                method(memberPath, tree, components);
            } else if (member instanceof BlockTree) {
                if (((BlockTree) member).isStatic()) {
                    w("static ");
                }
                member.accept(this, memberPath);
            } else {
                member.accept(this, memberPath);
            }
        }
        outdent();
        nl();
        w("}");
    }

    private void enumConstant(TreePath path) {
        VariableTree constant = (VariableTree) path.getLeaf();
        modifiers(path, constant.getModifiers(), false, false);
        w(constant.getName());
        TreePath creation = child(path, constant.getInitializer());
        NewClassTree newClass = (NewClassTree) creation.getLeaf();
        if (!newClass.getArguments().isEmpty()) {
            w("(");
            printAll(creation, newClass.getArguments(), ", ");
            w(")");
        }
        if (newClass.getClassBody() != null) {
            w(" ");
            anonymousClassBody(child(creation, newClass.getClassBody()), null);
        }
    }

    @Override
    public Void visitMethod(MethodTree tree, TreePath path) {
        Tree owner = path.getParentPath() == null ? null : path.getParentPath().getLeaf();
        ClassTree ownerClass = owner instanceof ClassTree ? (ClassTree) owner : null;
        method(path, ownerClass,
                ownerClass != null && ownerClass.getKind() == Tree.Kind.RECORD ? recordComponents(ownerClass)
                        : List.of());
        return null;
    }

    private void method(TreePath path, ClassTree owner, List<VariableTree> recordComponents) {
        MethodTree method = (MethodTree) path.getLeaf();
        boolean constructor = method.getName().contentEquals("<init>");
        modifiers(path, method.getModifiers(), true, true);
        scope.push();
        for (TypeParameterTree parameter : method.getTypeParameters()) {
            scope.declareType(parameter.getName());
        }
        if (!method.getTypeParameters().isEmpty()) {
            typeParameters(path, method.getTypeParameters());
            w(" ");
        }
        if (constructor) {
            w(owner == null ? "<init>" : owner.getSimpleName());
        } else {
            type(path, method.getReturnType());
            w(" ");
            w(method.getName());
        }
        if (constructor && isCompactConstructor(method, recordComponents)) {
            for (VariableTree parameter : method.getParameters()) {
                scope.declareVariable(parameter.getName());
            }
        } else {
            List<VariableTree> parameters = new ArrayList<>();
            if (method.getReceiverParameter() != null) {
                parameters.add(method.getReceiverParameter());
            }
            parameters.addAll(method.getParameters());
            parameters(path, parameters, VariableKind.PARAMETER);
        }
        if (!method.getThrows().isEmpty()) {
            w(" throws ");
            types(path, method.getThrows(), ", ");
        }
        if (method.getDefaultValue() != null) {
            w(" default ");
            print(path, method.getDefaultValue());
        }
        if (method.getBody() == null) {
            w(";");
        } else {
            w(" ");
            print(path, method.getBody());
        }
        scope.pop();
    }

    /**
     * javac's parser gives a compact canonical constructor ({@code R { ... }}) the record's components as parameters,
     * sharing their type trees; a constructor the user wrote with parentheses has its own.
     */
    private static boolean isCompactConstructor(MethodTree constructor, List<VariableTree> components) {
        List<? extends VariableTree> parameters = constructor.getParameters();
        if (components.isEmpty() || parameters.size() != components.size()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).getType() != components.get(i).getType()) {
                return false;
            }
        }
        return true;
    }
}
