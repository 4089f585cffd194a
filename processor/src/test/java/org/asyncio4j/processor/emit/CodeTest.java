package org.asyncio4j.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Code} must lay out a body exactly as JavaPoet's {@link CodeBlock.Builder} does (the goldens pin the text):
 * each test builds the same body both ways and compares the files JavaPoet prints, imports included.
 */
class CodeTest {
    private static final ClassName UNBOXING = ClassName.get("org.asyncio4j.internal", "Unboxing");
    private static final ClassName OTHER_LIST = ClassName.get("other", "List");

    @Test
    void statementsAndControlFlow_areLaidOutAsJavaPoetDoes() {
        Code mine = Code.builder();
        CodeBlock.Builder poet = CodeBlock.builder();
        mine.add("$L:\n", "dispatch").beginControlFlow("for (;;)").beginControlFlow("switch ($N)", "state");
        poet.add("$L:\n", "dispatch").beginControlFlow("for (;;)").beginControlFlow("switch ($N)", "state");
        mine.add("case $L: {\n", 0).indent().add("// $L\n", "A.java:3");
        poet.add("case $L: {\n", 0).indent().add("// $L\n", "A.java:3");
        mine.addStatement("$N = $L", "state", 1).add("if ($N($L)) return $N;\n", "suspendOn", "f", "SUSPENDED");
        poet.addStatement("$N = $L", "state", 1).add("if ($N($L)) return $N;\n", "suspendOn", "f", "SUSPENDED");
        mine.unindent().add("}\n").add("default:\n").indent().addStatement("throw $N($N)", "invalidState", "state")
                .unindent().nextControlFlow("catch ($T $N)", Throwable.class, "thrown").endControlFlow()
                .endControlFlow();
        poet.unindent().add("}\n").add("default:\n").indent().addStatement("throw $N($N)", "invalidState", "state")
                .unindent().nextControlFlow("catch ($T $N)", Throwable.class, "thrown").endControlFlow()
                .endControlFlow();
        assertSameFile(poet.build(), mine.build());
    }

    @Test
    void multiLineText_isIndentedPerLine_andStatementsIndentTheirContinuationLines() {
        String statement = "for (int i = 0; i < n; i++) {\n    sb.append(i);\n\n}";
        String lambda = "run(() -> {\r\n    go();\r\n})";
        Code mine = Code.builder().beginControlFlow("if (true)").add("$L\n", statement).addStatement("$L", lambda)
                .addStatement("$L", "a\u2028b").endControlFlow();
        CodeBlock poet = CodeBlock.builder().beginControlFlow("if (true)").add("$L\n", statement)
                .addStatement("$L", lambda).addStatement("$L", "a\u2028b").endControlFlow().build();
        assertSameFile(poet, mine.build());
    }

    @Test
    void types_areLeftToJavaPoet_soImportsAndClashesStayItsDecision() {
        Code mine = Code.builder().indent()
                .addStatement("$T $N = $L", TypeVariableName.get("java.util.List<String>"), "list", "null")
                .addStatement("int $N = $L", "v", Code.of("$T.$L($L)", UNBOXING, "toInt", Code.of("$N()", "r")))
                .addStatement("$T x = $T.of()", OTHER_LIST, List.class).unindent();
        CodeBlock poet = CodeBlock.builder().indent()
                .addStatement("$T $N = $L", TypeVariableName.get("java.util.List<String>"), "list", "null")
                .addStatement("int $N = $L", "v", CodeBlock.of("$T.$L($L)", UNBOXING, "toInt",
                        CodeBlock.of("$N()", "r")))
                .addStatement("$T x = $T.of()", OTHER_LIST, List.class).unindent().build();
        assertSameFile(poet, mine.build());
    }

    @Test
    void dollarSigns_inCopiedCode_stayLiteral() {
        Code mine = Code.builder().addStatement("$L", "String $x = a$b + \"$$\"");
        CodeBlock poet = CodeBlock.builder().addStatement("$L", "String $x = a$b + \"$$\"").build();
        assertSameFile(poet, mine.build());
        assertEquals("String $x = a$b + \"$$\";\n", mine.toString());
    }

    @Test
    void fork_isAddedBackAfterWhatWasWrittenMeanwhile() {
        Code mine = Code.builder().beginControlFlow("case 1:");
        Code op = mine.fork();
        op.addStatement("use($N)", "copy");
        mine.addStatement("final $T $N = $N", ClassName.get(String.class), "copy", "field");
        mine.append(op).endControlFlow();
        CodeBlock poet = CodeBlock.builder().beginControlFlow("case 1:")
                .addStatement("final $T $N = $N", ClassName.get(String.class), "copy", "field")
                .addStatement("use($N)", "copy").endControlFlow().build();
        assertSameFile(poet, mine.build());
    }

    @Test
    void misuse_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Code.builder().add("$S", "x"));
        assertThrows(IllegalArgumentException.class, () -> Code.builder().add("$L", CodeBlock.of("x")));
        assertThrows(IllegalArgumentException.class, () -> Code.builder().add("$L", "a", "b"));
        assertThrows(IllegalStateException.class, () -> Code.builder().unindent());
    }

    private static void assertSameFile(CodeBlock expected, CodeBlock actual) {
        assertEquals(file(expected), file(actual));
    }

    private static String file(CodeBlock body) {
        TypeSpec type = TypeSpec.classBuilder("X").addType(TypeSpec.classBuilder("Y")
                .addMethod(MethodSpec.methodBuilder("step").addCode(body).build()).build()).build();
        return JavaFile.builder("p", type).skipJavaLangImports(true).indent("    ").build().toString();
    }
}
