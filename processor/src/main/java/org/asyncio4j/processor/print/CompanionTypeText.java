package org.asyncio4j.processor.print;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Types as source text in the companion, for the casts of handle reads ({@code (String) Private.GREETING.get(self)}):
 * the companion has the user's imports, so imported and {@code java.lang} types keep their simple names.
 */
final class CompanionTypeText {
    private final Elements elements;
    private final TypeElement owner;
    private final CompilationUnitTree unit;

    CompanionTypeText(Elements elements, TypeElement owner, CompilationUnitTree unit) {
        this.elements = elements;
        this.owner = owner;
        this.unit = unit;
    }

    /**
     * A type as source text valid in the companion, which has the user's imports: {@code java.lang} and imported
     * types by simple name, the package's types as {@code Outer.Inner}, others fully qualified.
     */
    String of(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return of(((ArrayType) type).getComponentType()) + "[]";
            case DECLARED: {
                DeclaredType declared = (DeclaredType) type;
                String name = className((TypeElement) declared.asElement());
                if (declared.getTypeArguments().isEmpty()) {
                    return name;
                }
                return name + declared.getTypeArguments().stream().map(this::of)
                        .collect(Collectors.joining(", ", "<", ">"));
            }
            case WILDCARD: {
                WildcardType wildcard = (WildcardType) type;
                return wildcard.getExtendsBound() != null ? "? extends " + of(wildcard.getExtendsBound())
                        : wildcard.getSuperBound() != null ? "? super " + of(wildcard.getSuperBound()) : "?";
            }
            case TYPEVAR:
                return ((TypeVariable) type).asElement().getSimpleName().toString();
            default:
                return type.getKind().isPrimitive() ? type.getKind().name().toLowerCase(Locale.ROOT)
                        : type.toString();
        }
    }

    private String className(TypeElement type) {
        List<String> nesting = new ArrayList<>();
        TypeElement top = type;
        nesting.add(top.getSimpleName().toString());
        while (MemberResolver.enclosingType(top) != null) {
            top = MemberResolver.enclosingType(top);
            nesting.add(0, top.getSimpleName().toString());
        }
        String simple = String.join(".", nesting);
        String topName = top.getQualifiedName().toString();
        String pkg = elements.getPackageOf(top).getQualifiedName().toString();
        if (pkg.equals(elements.getPackageOf(owner).getQualifiedName().toString())) {
            return simple;
        }
        for (ImportTree anImport : unit.getImports()) {
            String imported = anImport.getQualifiedIdentifier().toString();
            if (!anImport.isStatic() && imported.equals(topName)) {
                return simple;
            }
        }
        if (pkg.equals("java.lang") && !importsSimpleName(top.getSimpleName().toString())) {
            return simple;
        }
        return type.getQualifiedName().toString();
    }

    private boolean importsSimpleName(String simple) {
        for (ImportTree anImport : unit.getImports()) {
            if (!anImport.isStatic() && anImport.getQualifiedIdentifier().toString().endsWith("." + simple)) {
                return true;
            }
        }
        String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
        return elements.getTypeElement(pkg.isEmpty() ? simple : pkg + "." + simple) != null;
    }

    /** Whether the type depends on type arguments: a type variable, also nested in arrays and type arguments. */
    static boolean mentionsTypeVariable(TypeMirror type) {
        switch (type.getKind()) {
            case TYPEVAR:
                return true;
            case ARRAY:
                return mentionsTypeVariable(((ArrayType) type).getComponentType());
            case DECLARED:
                return ((DeclaredType) type).getTypeArguments().stream()
                        .anyMatch(CompanionTypeText::mentionsTypeVariable);
            case WILDCARD: {
                WildcardType wildcard = (WildcardType) type;
                return (wildcard.getExtendsBound() != null && mentionsTypeVariable(wildcard.getExtendsBound()))
                        || (wildcard.getSuperBound() != null && mentionsTypeVariable(wildcard.getSuperBound()));
            }
            default:
                return false;
        }
    }
}
