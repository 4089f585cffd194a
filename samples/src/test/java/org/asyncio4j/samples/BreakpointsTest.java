package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Location;
import com.sun.jdi.PrimitiveValue;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.StringReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.LaunchingConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.StepRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;

/**
 * Line breakpoints in {@code @Async} methods (issue #17), through JDI against a real VM that runs
 * {@link BreakpointTarget} as Maven compiled it (javac with {@code -g}, the processor on the processor path).
 *
 * <p>Breakpoints are set as IDEs set them: on every loaded class whose {@code SourceFile} is
 * {@code BreakpointTarget.java}, at every location {@link ReferenceType#locationsOfLine} returns.
 */
class BreakpointsTest {
    private static final String FILE = "BreakpointTarget.java";
    private static final Path SOURCE = Paths.get("src", "test", "java", "org", "asyncio4j", "samples", FILE);

    /** One stop: where, and the visible variables by name, as strings. */
    private static final class Stop {
        final String method;
        final int line;
        final Map<String, String> variables;

        Stop(String method, int line, Map<String, String> variables) {
            this.method = method;
            this.line = line;
            this.variables = variables;
        }

        @Override
        public String toString() {
            return method + ":" + line + " " + variables;
        }
    }

    @Test
    void breakpointsInCoroutinesStopWithTheirLocalsAndStepToTheNextLine() throws Exception {
        int loop = line("loop");
        int loopNext = line("loopNext");
        int afterAwait = line("afterAwait");
        int fastAwait = line("fastAwait");
        int afterFastAwait = line("afterFastAwait");

        LaunchingConnector connector = Bootstrap.virtualMachineManager().defaultConnector();
        Map<String, Connector.Argument> arguments = connector.defaultArguments();
        arguments.get("main").setValue(BreakpointTarget.class.getName());
        arguments.get("options").setValue("-cp \"" + System.getProperty("java.class.path") + "\"");
        VirtualMachine vm = connector.launch(arguments);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread drain = drain(vm.process().getInputStream(), output);
        drain(vm.process().getErrorStream(), output);

        ClassPrepareRequest prepare = vm.eventRequestManager().createClassPrepareRequest();
        prepare.addClassFilter("org.asyncio4j.samples.*");
        prepare.enable();
        Map<Integer, List<Location>> breakpointLocations = new TreeMap<>();
        List<Stop> stops = new ArrayList<>();
        List<Stop> steps = new ArrayList<>();
        boolean stepped = false;
        int stepsLeft = 0;
        boolean done = false;
        try {
            vm.resume();
            while (!done) {
                EventSet events = vm.eventQueue().remove(60_000);
                if (events == null) {
                    fail("no event in a minute; stops so far: " + stops);
                }
                for (Event event : events) {
                    if (event instanceof ClassPrepareEvent) {
                        ReferenceType type = ((ClassPrepareEvent) event).referenceType();
                        if (sourceName(type).equals(FILE)) { // every class compiled "from" the file
                            for (int line : List.of(loop, afterAwait)) {
                                for (Location location : type.locationsOfLine(line)) {
                                    breakpointLocations.computeIfAbsent(line, l -> new ArrayList<>()).add(location);
                                    BreakpointRequest request =
                                            vm.eventRequestManager().createBreakpointRequest(location);
                                    request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                                    request.enable();
                                }
                            }
                        }
                    } else if (event instanceof BreakpointEvent) {
                        BreakpointEvent hit = (BreakpointEvent) event;
                        stops.add(stop(hit.thread().frame(0)));
                        if (!stepped) { // the first stop: one step over, to the next line
                            stepped = true;
                            stepOver(vm, hit.thread());
                        } else if (hit.location().lineNumber() == afterAwait) { // two steps: over a fast await
                            stepsLeft = 1;
                            stepOver(vm, hit.thread());
                        }
                    } else if (event instanceof StepEvent) {
                        StepEvent step = (StepEvent) event;
                        steps.add(stop(step.thread().frame(0)));
                        vm.eventRequestManager().deleteEventRequest(step.request());
                        if (stepsLeft > 0) {
                            stepsLeft--;
                            stepOver(vm, step.thread());
                        }
                    } else if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                        done = true;
                    }
                }
                if (!done) {
                    events.resume();
                }
            }
        } finally {
            if (!done) {
                vm.exit(1);
            }
        }
        drain.join(10_000);
        String printed = output.toString("UTF-8");
        assertTrue(printed.contains("ada pays 60 + 6"), printed);

        // one location per line in the template (compiled as written, never run) and one in the state machine:
        // its line table has one entry per run of a line
        assertEquals("[BreakpointTarget.total:21, BreakpointTargetAsync$TotalCoroutine.stepBody:21]"
                .replace("21", String.valueOf(loop)), render(breakpointLocations.get(loop)));
        assertEquals("[BreakpointTarget.checkout:31, BreakpointTargetAsync$CheckoutCoroutine.stepBody:31]"
                .replace("31", String.valueOf(afterAwait)), render(breakpointLocations.get(afterAwait)));

        // the loop's line, after an await, stops once per iteration with the parameters and locals by name
        assertEquals(4, stops.size(), stops.toString());
        for (int i = 0; i < 3; i++) {
            Stop stop = stops.get(i);
            assertEquals(loop, stop.line, stops.toString());
            assertEquals("\"cart\"", stop.variables.get("label"), stop.toString());
            assertEquals("3", stop.variables.get("count"), stop.toString());
            assertEquals(String.valueOf(i), stop.variables.get("i"), stop.toString());
            assertEquals(String.valueOf(10 * i * (i + 1) / 2), stop.variables.get("sum"), stop.toString());
        }
        // the line after `int cart = await(total(..))`, in the awaiting coroutine
        Stop checkout = stops.get(3);
        assertEquals(afterAwait, checkout.line, stops.toString());
        assertEquals("\"ada\"", checkout.variables.get("customer"), checkout.toString());
        assertEquals("60", checkout.variables.get("cart"), checkout.toString());

        // stepping over from the first stop lands on the next line, in the same body, with `price` now declared
        assertEquals(3, steps.size(), steps.toString());
        Stop next = steps.get(0);
        assertEquals(stops.get(0).method, next.method);
        assertEquals(loopNext, next.line, steps.toString());
        assertEquals("10", next.variables.get("price"), next.toString());
        // from the line after the await: the next line, then over an await that needs no suspension (a coroutine
        // that returns at once) to the line after it, with the awaited value in its local
        assertEquals(checkout.method, steps.get(1).method);
        assertEquals(fastAwait, steps.get(1).line, steps.toString());
        assertEquals(checkout.method, steps.get(2).method);
        assertEquals(afterFastAwait, steps.get(2).line, steps.toString());
        assertEquals("6", steps.get(2).variables.get("tip"), steps.toString());
    }

    @Test
    void exceptionInACoroutineNamesTheUsersFileAndLine() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(BreakpointTargetAsync.failing(7)));
        StackTraceElement top = thrown.getStackTrace()[0];
        assertEquals(FILE + ":" + line("throw"), top.getFileName() + ":" + top.getLineNumber(), top.toString());
    }

    private static void stepOver(VirtualMachine vm, com.sun.jdi.ThreadReference thread) {
        StepRequest step = vm.eventRequestManager().createStepRequest(thread, StepRequest.STEP_LINE,
                StepRequest.STEP_OVER);
        step.addCountFilter(1);
        step.enable();
    }

    private static Stop stop(StackFrame frame) throws AbsentInformationException, IncompatibleThreadStateException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (LocalVariable variable : frame.visibleVariables()) {
            variables.put(variable.name(), render(frame.getValue(variable)));
        }
        Location location = frame.location();
        return new Stop(location.declaringType().name() + "." + location.method().name(), location.lineNumber(),
                variables);
    }

    private static String render(List<Location> locations) {
        List<String> names = new ArrayList<>();
        for (Location location : locations) {
            names.add(location.declaringType().name().replace("org.asyncio4j.samples.", "") + "."
                    + location.method().name() + ":" + location.lineNumber());
        }
        names.sort(null);
        return names.toString();
    }

    private static String render(Value value) {
        if (value instanceof StringReference) {
            return "\"" + ((StringReference) value).value() + "\"";
        }
        return value instanceof PrimitiveValue ? value.toString() : String.valueOf(value == null ? null : "object");
    }

    private static String sourceName(ReferenceType type) {
        try {
            return type.sourceName();
        } catch (AbsentInformationException e) {
            return "";
        }
    }

    /** The line of {@link BreakpointTarget} that ends with {@code // line:name}. */
    private static int line(String name) {
        try {
            List<String> lines = Files.readAllLines(SOURCE);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("// line:" + name)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no line:" + name + " in " + SOURCE);
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (into) {
                        into.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the VM is gone
            }
        }, "debuggee output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
