package org.asyncio4j.processor.emit;

/**
 * When a state machine's body is split across methods ({@link SplitStepWriter}): above an estimate of {@code above}
 * bytes of bytecode for {@code stepBody}, into parts estimated at about {@code partSize} bytes ({@link StepParts}).
 * Set by the processor options {@code asyncio4j.splitAbove} and {@code asyncio4j.splitPartSize}.
 *
 * @param above the estimate above which the body is split; 0 splits every body of two states or more
 * @param partSize the estimate each part is filled to; 1 puts every state in a method of its own
 */
public record SplitLimits(int above, int partSize) {
    /** Under HotSpot's 8,000 bytes for JIT compilation (so under the JVM's 65,535) with room for the estimate's error. */
    public static final SplitLimits DEFAULT = new SplitLimits(StepParts.DEFAULT_SPLIT_ABOVE, StepParts.PART_TARGET);
}
