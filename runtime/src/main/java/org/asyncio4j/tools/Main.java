package org.asyncio4j.tools;

import com.sun.tools.attach.VirtualMachine;
import java.io.PrintStream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The runtime jar's command line: {@code java -jar asyncio4j-runtime-<version>.jar pstree PID} prints the task
 * tree of the asyncio4j loops running in the JVM {@code PID}, {@code ps PID} one line per task (asyncio's {@code
 * python -m asyncio pstree PID} and {@code ps PID}). It attaches with the Attach API (module {@code jdk.attach}),
 * starts the target's local JMX agent and calls the {@code org.asyncio4j:type=Tasks} MBean the runtime registers
 * when a loop starts. The target must run as the same user, on a JDK (not a JRE without {@code jdk.attach}).
 *
 * <p>Thread-safety: a command-line entry point; {@link #describe} may be called from any thread.
 */
public final class Main {
    private Main() {}

    /**
     * Runs the command.
     *
     * @param args {@code pstree PID} or {@code ps PID}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command, returning its exit status: 0, 1 if attaching or the call failed, 2 for a usage error. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !(args[0].equals("pstree") || args[0].equals("ps"))) {
            err.println("usage: java -jar asyncio4j-runtime.jar (pstree|ps) PID");
            return 2;
        }
        try {
            out.print(describe(args[1], args[0]));
            return 0;
        } catch (Exception e) {
            err.println("cannot read the tasks of JVM " + args[1] + ": " + e);
            return 1;
        }
    }

    /**
     * Attaches to JVM {@code pid} and returns its loops' tasks.
     *
     * @param pid the target JVM's process id
     * @param operation {@code pstree} or {@code ps}
     * @return the text the target's MBean returned
     * @throws Exception if attaching, the JMX connection or the call fails (no asyncio4j loop ever ran there: the
     *     MBean is not registered)
     */
    public static String describe(String pid, String operation) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            return (String) server.invoke(new ObjectName("org.asyncio4j:type=Tasks"), operation, null, null);
        }
    }
}
