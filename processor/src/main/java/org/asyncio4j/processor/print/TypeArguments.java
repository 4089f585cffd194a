package org.asyncio4j.processor.print;

import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Explicit type arguments for generated code that creates or calls something generic with the type variables in
 * scope: {@code new MCoroutine<T, U>(..)}, {@code MCoroutine.<T, U>stepBody(..)}, a bridge's {@code new Box<T>(..)}.
 *
 * <p>Never the diamond or inference: javac cannot always infer a variable back from the arguments. A
 * {@code Predicate<? super T>} parameter, with {@code T extends Comparable<T>}, is captured, and the capture does not
 * fit the bound (found in commons-collections4's {@code LayerManager.Cleanup.removeIf}), while the variables
 * themselves are always in scope where generated code names them. Stateless.
 */
public final class TypeArguments {
    private TypeArguments() {}

    /** {@code <T, U>}, or "" when there are no variables. */
    public static String of(List<TypeVariableName> variables) {
        return variables.isEmpty() ? ""
                : variables.stream().map(TypeVariableName::name).collect(Collectors.joining(", ", "<", ">"));
    }
}
