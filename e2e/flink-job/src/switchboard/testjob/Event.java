package switchboard.testjob;

/**
 * One record flowing through the test job: an order for a key, or a control event that is
 * broadcast to a key. A public POJO so Flink serialises it with its POJO serializer.
 */
public class Event {
    /** "order" or "control". */
    public String kind;
    /** Partitioning key, e.g. "key-17". */
    public String key;
    /** Position in the generating source's sequence. */
    public long seq;
    /** Event time in epoch milliseconds; used for watermarks. */
    public long timestamp;
    /** Some bytes so that keyed state (which keeps the last payload) has a visible size. */
    public String payload;

    public Event() {}

    public Event(String kind, String key, long seq, long timestamp, String payload) {
        this.kind = kind;
        this.key = key;
        this.seq = seq;
        this.timestamp = timestamp;
        this.payload = payload;
    }

    @Override
    public String toString() {
        return kind + "(" + key + ", seq=" + seq + ")";
    }
}
