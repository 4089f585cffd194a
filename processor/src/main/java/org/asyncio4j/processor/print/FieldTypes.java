package org.asyncio4j.processor.print;

import org.asyncio4j.processor.lower.LocalTypes;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.Iterator;

/**
 * How a frame field's type is written: as the template wrote it (printed like any copied code), else the type
 * javac gives the local ({@link LocalTypes}).
 * <pre>{@code
 * List<Page> pages = ...;        ===>   field type "List<Page>" (the text, names rewritten)
 * var n = await(count());        ===>   field type java.lang.Integer (from Trees.getScope)
 * for (T x : items) (the cursor) ===>   field type Iterator<?> (AsyncIterator<?> over an AsyncIterable)
 * }</pre>
 * Stateless.
 */
public final class FieldTypes {
    private FieldTypes() {}

    /** The type of the field that keeps {@code var}; {@code printer} prints the declared type's text. */
    public static TypeName fieldType(LocalVar var, SourcePrinter printer, LocalTypes types) {
        if (var.kind == LocalVar.Kind.ASYNC_CURSOR) {
            return ParameterizedTypeName.get(RuntimeNames.ASYNC_ITERATOR, WildcardTypeName.subtypeOf(Object.class));
        }
        if (var.declaration == null) {
            return iteratorType();
        }
        VariableTree tree = var.tree();
        if (var.kind != LocalVar.Kind.PARAMETER && !LocalVar.isImplicit(tree)
                && !(tree.getType() instanceof com.sun.source.tree.UnionTypeTree)) {
            // The type as the user wrote it (names rewritten as in any copied code): no Trees.getScope call, which
            // attributes the body up to that point and dominates the processor's compile time. JavaPoet writes a
            // type variable's name verbatim, which is what this needs.
            return TypeVariableName.get(printer.print(new TreePath(var.declaration, tree.getType())));
        }
        return TypeName.get(types.typeOf(var));
    }

    /** A loop cursor's type: {@code Iterator<?>}. */
    public static TypeName iteratorType() {
        return ParameterizedTypeName.get(ClassName.get(Iterator.class), WildcardTypeName.subtypeOf(Object.class));
    }
}
