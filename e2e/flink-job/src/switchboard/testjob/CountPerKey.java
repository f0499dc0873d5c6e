package switchboard.testjob;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed state that grows with the number of keys (a count and the last payload per key), so
 * checkpoints have a size. Registers the custom metrics and accumulators the console shows, and
 * can fail once on purpose (--fail-after) so the job has an exception history.
 */
public class CountPerKey extends KeyedProcessFunction<String, Event, KeyCount> {
    private final String label;
    private final long failAfter;

    private transient ValueState<Long> count;
    private transient ValueState<Long> controls;
    private transient ValueState<String> lastPayload;
    private transient Counter eventsCounted;
    private transient Counter newKeys;
    private transient LongCounter eventsAccumulator;
    private transient LongCounter controlsAccumulator;
    private transient long processedByThisAttempt;

    public CountPerKey(String label, long failAfter) {
        this.label = label;
        this.failAfter = failAfter;
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
        if (failAfter > 0
                && processedByThisAttempt >= failAfter
                && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0
                && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            throw new IllegalStateException(
                    "Switchboard test failure after " + failAfter + " events (requested with --fail-after)");
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
