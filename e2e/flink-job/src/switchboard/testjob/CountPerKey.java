package switchboard.testjob;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed state that grows with the number of keys (a count and the last payload per key), so
 * checkpoints have a size. Registers the custom metrics and accumulators the console shows, and
 * can fail on purpose: --fail-after fails subtask 0 in each of its first --fail-times attempts
 * (so the job has an exception history), --fail-checkpoint makes the first attempt of subtask 0
 * decline one checkpoint (so the checkpoint history has a failed entry).
 */
public class CountPerKey extends KeyedProcessFunction<String, Event, KeyCount> implements CheckpointedFunction {
    private final String label;
    private final long failAfter;
    private final long failCheckpoint;
    private final int failTimes;

    private transient ValueState<Long> count;
    private transient ValueState<Long> controls;
    private transient ValueState<String> lastPayload;
    private transient Counter eventsCounted;
    private transient Counter newKeys;
    private transient LongCounter eventsAccumulator;
    private transient LongCounter controlsAccumulator;
    private transient long processedByThisAttempt;

    public CountPerKey(String label, long failAfter, int failTimes, long failCheckpoint) {
        this.label = label;
        this.failAfter = failAfter;
        this.failTimes = failTimes;
        this.failCheckpoint = failCheckpoint;
    }

    private boolean subtaskZeroBeforeAttempt(int attempt) {
        return getRuntimeContext().getTaskInfo().getAttemptNumber() < attempt
                && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    }


    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (context.getCheckpointId() == failCheckpoint && subtaskZeroBeforeAttempt(1)) {
            throw new IllegalStateException(
                    "Switchboard test: declining checkpoint " + failCheckpoint + " (requested with --fail-checkpoint)");
        }
    }

    @Override
    public void open(OpenContext openContext) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        controls = getRuntimeContext().getState(new ValueStateDescriptor<>("controls", Types.LONG));
        lastPayload = getRuntimeContext().getState(new ValueStateDescriptor<>("last-payload", Types.STRING));
        eventsCounted = getRuntimeContext().getMetricGroup().counter("switchboardEventsCounted");
        newKeys = getRuntimeContext().getMetricGroup().counter("switchboardNewKeys");
        getRuntimeContext().getMetricGroup().meter("switchboardEventsPerSecond", new MeterView(eventsCounted));
        getRuntimeContext().getMetricGroup().gauge("switchboardLabel", () -> label);
        eventsAccumulator = new LongCounter();
        controlsAccumulator = new LongCounter();
        getRuntimeContext().addAccumulator("switchboard-events", eventsAccumulator);
        getRuntimeContext().addAccumulator("switchboard-controls", controlsAccumulator);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<KeyCount> out) throws Exception {
        processedByThisAttempt++;
        if (failAfter > 0 && processedByThisAttempt >= failAfter && subtaskZeroBeforeAttempt(failTimes)) {
            throw new IllegalStateException(
                    "Switchboard test failure after " + failAfter + " events (requested with --fail-after) in " + label);
        }
        Long seen = count.value();
        long next = seen == null ? 1 : seen + 1;
        if (seen == null) {
            newKeys.inc();
        }
        count.update(next);
        long controlCount = controls.value() == null ? 0 : controls.value();
        if ("control".equals(event.kind)) {
            controlCount++;
            controls.update(controlCount);
            controlsAccumulator.add(1);
        } else {
            lastPayload.update(event.payload);
        }
        eventsCounted.inc();
        eventsAccumulator.add(1);
        out.collect(new KeyCount(event.key, next, controlCount, label));
    }
}
