/**
 * Command-line tools of the runtime jar ({@code java -jar asyncio4j-runtime.jar pstree PID}); not API. Needs the
 * {@code jdk.attach} and {@code java.management} modules, which the runtime itself never requires.
 */
package org.asyncio4j.tools;
