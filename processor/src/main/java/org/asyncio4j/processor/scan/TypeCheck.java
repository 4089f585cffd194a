package org.asyncio4j.processor.scan;

import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Whether a type (of a field the generated class declares) can be written in Java source.
 *
 * <p>{@code var} can hold types that have no name: anonymous and local classes, intersections, captured
 * wildcards. And a type that mentions a class generated in this same build arrives as an error type until that class
 * exists (checked recursively, type arguments included).
 */
public final class TypeCheck {
    private TypeCheck() {}

    /** The answer for a type that mentions a class not generated yet: try again in the next round. */
    public static final String MISSING = "its type mentions a class that does not exist yet";

    private static final String INTERSECTION = "its type is an intersection type";
    private static final String CAPTURE = "its type contains a captured wildcard (`capture of ?`)";

    /**
     * Whether a type with this {@link #problem} has no name but javac infers it again from a copy of the expression
     * that gave it (an anonymous or local class would be another class in a copy).
     */
    public static boolean inferable(String problem) {
        return problem == INTERSECTION || problem == CAPTURE;
    }

    /** Null if the type can be written; else why not ({@link #MISSING} when a later round may fix it). */
    public static String problem(TypeMirror type) {
        switch (type.getKind()) {
            case ERROR:
                return MISSING;
            case DECLARED: {
                DeclaredType declared = (DeclaredType) type;
                TypeElement element = (TypeElement) declared.asElement();
                if (element.getNestingKind() == NestingKind.ANONYMOUS || element.getNestingKind() == NestingKind.LOCAL) {
                    return "its type is an anonymous or local class, which has no name outside the method";
                }
                String problem = problem(declared.getEnclosingType());
                for (TypeMirror argument : declared.getTypeArguments()) {
                    problem = first(problem, problem(argument));
                }
                return problem;
            }
            case ARRAY:
                return problem(((ArrayType) type).getComponentType());
            case WILDCARD: {
                WildcardType wildcard = (WildcardType) type;
                String problem = null;
                if (wildcard.getExtendsBound() != null) {
                    problem = problem(wildcard.getExtendsBound());
                }
                if (wildcard.getSuperBound() != null) {
                    problem = first(problem, problem(wildcard.getSuperBound()));
                }
                return problem;
            }
            case TYPEVAR: {
                TypeVariable variable = (TypeVariable) type;
                return variable.toString().startsWith("capture#") || variable.asElement().getSimpleName().toString()
                        .contains("captured") ? CAPTURE : null;
            }
            case INTERSECTION:
                return INTERSECTION;
            case UNION:
                return "its type is a union type";
            case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case CHAR: case FLOAT: case DOUBLE:
            case VOID: case NONE:
                return null;
            default:
                return "its type (" + type + ") has no name in Java source";
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
