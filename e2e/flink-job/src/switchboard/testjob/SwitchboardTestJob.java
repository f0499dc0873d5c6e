package switchboard.testjob;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.util.ParameterTool;

/**
 * The streaming job the console's Flink views are tested against.
 *
 * <pre>
 *   Source: Orders -> Tag Orders --(hash)--\
 *                                           Count Per Key --(rebalance)--> Sample --(forward, unchained)--> Sink: Print
 *   Source: Controls -----------(hash)-----/
 * </pre>
 *
 * Arguments (all optional): --rate events/s (100), --keys distinct keys (1000), --label text
 * ("default"; part of the job name and of the --fail-after failure), --checkpoint-ms interval (3000), --count events before the
 * job finishes (unbounded), --fail-after events after which subtask 0 fails (never), --fail-times
 * how many of its first attempts fail so (1), --fail-checkpoint id of a checkpoint that subtask 0
 * declines in its first attempt (never), --parallelism N (the cluster default or the submit request). All arguments are also global job
 * parameters, so they show up under the job's user config.
 */
public class SwitchboardTestJob {
    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        double rate = Double.parseDouble(params.get("rate", "100"));
        int keys = Integer.parseInt(params.get("keys", "1000"));
        String label = params.get("label", "default");
        long checkpointMs = Long.parseLong(params.get("checkpoint-ms", "3000"));
        long count = Long.parseLong(params.get("count", String.valueOf(Long.MAX_VALUE)));
        long failAfter = Long.parseLong(params.get("fail-after", "0"));
        int failTimes = Integer.parseInt(params.get("fail-times", "1"));
        long failCheckpoint = Long.parseLong(params.get("fail-checkpoint", "-1"));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().setGlobalJobParameters(params);
        env.enableCheckpointing(checkpointMs);
        env.getCheckpointConfig().setTolerableCheckpointFailureNumber(2);
        if (params.has("parallelism")) {
            env.setParallelism(Integer.parseInt(params.get("parallelism")));
        }

        WatermarkStrategy<Event> watermarks = WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(2))
                .withTimestampAssigner((event, previous) -> event.timestamp)
                .withIdleness(Duration.ofSeconds(30));

        DataGeneratorSource<Long> orderSource = new DataGeneratorSource<>(
                seq -> seq, count, RateLimiterStrategy.perSecond(rate), TypeInformation.of(Long.class));
        DataStream<Event> orders = env.fromSource(orderSource, WatermarkStrategy.noWatermarks(), "Orders")
                .uid("orders-source")
                .map(new TagOrders(keys))
                .name("Tag Orders")
                .uid("tag-orders")
                .assignTimestampsAndWatermarks(watermarks)
                .name("Order Timestamps")
                .uid("order-timestamps");

        long controlCount = count == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, count / 100);
        DataGeneratorSource<Event> controlSource = new DataGeneratorSource<>(
                seq -> new Event("control", "key-" + (seq % keys), seq, System.currentTimeMillis(), ""),
                controlCount, RateLimiterStrategy.perSecond(1), TypeInformation.of(Event.class));
        DataStream<Event> controls = env.fromSource(controlSource, watermarks, "Controls")
                .uid("controls-source")
                .setParallelism(1);

        orders.union(controls)
                .keyBy(event -> event.key)
                .process(new CountPerKey(label, failAfter, failTimes, failCheckpoint))
                .name("Count Per Key")
                .uid("count-per-key")
                .rebalance()
                .filter(new Sample())
                .name("Sample")
                .uid("sample")
                .sinkTo(new PrintSink<>("switchboard"))
                .name("Print")
                .uid("print-sink")
                .disableChaining();

        env.execute("Switchboard Test Job: " + label);
    }

    /** Turns a sequence number into an order for one of the keys. */
    static class TagOrders implements MapFunction<Long, Event> {
        private final int keys;

        TagOrders(int keys) {
            this.keys = keys;
        }

        @Override
        public Event map(Long seq) {
            String payload = "payload-" + seq + "-abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz";
            return new Event("order", "key-" + (seq % keys), seq, System.currentTimeMillis(), payload);
        }
    }

    /** Lets through one count in a hundred so the sink prints about one line per second. */
    static class Sample implements FilterFunction<KeyCount> {
        @Override
        public boolean filter(KeyCount value) {
            return value.count % 100 == 0 || value.controls % 10 == 1;
        }
    }
}
