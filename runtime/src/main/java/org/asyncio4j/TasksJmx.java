package org.asyncio4j;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.asyncio4j.internal.AsyncioTasksMBean;

/**
 * The {@code org.asyncio4j:type=Tasks} MBean: see {@link AsyncioTasksMBean}. The only class that names
 * {@code java.management} (a static requirement of the module): it is loaded only by {@link LoopRegistry}'s
 * registration thread, which gives up quietly if the module is absent.
 *
 * <p>Thread-safe (stateless).
 */
final class TasksJmx implements AsyncioTasksMBean {
    static final String NAME = "org.asyncio4j:type=Tasks";

    static void register() throws Exception {
        ManagementFactory.getPlatformMBeanServer().registerMBean(
                new StandardMBean(new TasksJmx(), AsyncioTasksMBean.class), new ObjectName(NAME));
    }

    @Override
    public String pstree() {
        return LoopRegistry.describeAll(TaskTree::format);
    }

    @Override
    public String ps() {
        return LoopRegistry.describeAll(TaskTree::formatTable);
    }
}
