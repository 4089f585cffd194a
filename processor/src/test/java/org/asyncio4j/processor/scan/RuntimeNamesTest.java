package org.asyncio4j.processor.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.asyncio4j.processor.AsyncProcessor;
import org.junit.jupiter.api.Test;

/** The processor names runtime types as strings; these must match the real runtime. */
class RuntimeNamesTest {
    @Test
    void processorName_isTheEntryClass() {
        assertEquals(AsyncProcessor.class.getName(), RuntimeNames.PROCESSOR);
    }

    @Test
    void typeNames_existInTheRuntime() throws Exception {
        for (String name : new String[] {RuntimeNames.ASYNC_ANNOTATION, RuntimeNames.ASYNCIO,
                RuntimeNames.COROUTINE.canonicalName(), RuntimeNames.ASYNC_STATE_MACHINE.canonicalName(),
                RuntimeNames.FOR_EACH_SUPPORT.canonicalName(), RuntimeNames.UNBOXING.canonicalName(),
                RuntimeNames.POSTFIX.canonicalName(),
                RuntimeNames.GENERATED.canonicalName(), RuntimeNames.GENERATED_COROUTINE.canonicalName(),
                RuntimeNames.TASK.canonicalName()}) {
            Class.forName(name);
        }
    }

    @Test
    void forEachSupportMembers_thatGeneratedCodeCalls_exist() throws Exception {
        Class<?> support = Class.forName(RuntimeNames.FOR_EACH_SUPPORT.canonicalName());
        assertEquals(10, Arrays.stream(support.getDeclaredMethods())
                .filter(m -> m.getName().equals(RuntimeNames.ELEMENT_OF)).count(), "Iterable, Object[], 8 primitives");
    }

    @Test
    void stateMachineMembers_thatGeneratedCodeCalls_exist() throws Exception {
        Class<?> base = Class.forName(RuntimeNames.ASYNC_STATE_MACHINE.canonicalName());
        assertTrue(Modifier.isStatic(base.getDeclaredField(RuntimeNames.SUSPENDED).getModifiers()));
        for (String method : new String[] {RuntimeNames.STEP, RuntimeNames.SUSPEND_ON, RuntimeNames.AWAITED_VALUE,
                RuntimeNames.INVALID_STATE, RuntimeNames.MATCHED}) {
            assertTrue(Arrays.stream(base.getDeclaredMethods()).anyMatch(m -> m.getName().equals(method)), method);
        }
        assertEquals(4, Arrays.stream(base.getDeclaredMethods())
                .filter(m -> m.getName().equals(RuntimeNames.SUSPEND_ON) && Modifier.isStatic(m.getModifiers()))
                .count(), "frame-less suspendOn overloads: Coroutine, Future, CompletionStage, Awaitable");
    }

    @Test
    void generatorAndLambdaNames_existInTheRuntime() throws Exception {
        Class.forName(RuntimeNames.ASYNC_GENERATOR.canonicalName()).getMethod("of",
                Class.forName(RuntimeNames.COROUTINE.canonicalName()));
        Class<?> machine = Class.forName(RuntimeNames.ASYNC_GENERATOR_MACHINE.canonicalName());
        assertTrue(Arrays.stream(machine.getDeclaredMethods()).anyMatch(m -> m.getName().equals(RuntimeNames.HAND_OUT)
                && Modifier.isStatic(m.getModifiers())));
        machine.getDeclaredMethod("handedOut");
        Class<?> lambdas = Class.forName(RuntimeNames.ASYNC_LAMBDAS.canonicalName());
        assertEquals(2, Arrays.stream(lambdas.getDeclaredMethods())
                .filter(m -> m.getName().equals("typed") || m.getName().equals("handler")).count());
    }

    @Test
    void unboxingMethods_existForEveryPrimitive() throws Exception {
        Class<?> unboxing = Class.forName(RuntimeNames.UNBOXING.canonicalName());
        for (String primitive : new String[] {"Boolean", "Char", "Byte", "Short", "Int", "Long", "Float", "Double"}) {
            Method method = unboxing.getMethod("to" + primitive, Object.class);
            assertTrue(method.getReturnType().isPrimitive(), primitive);
        }
    }
}
