package switchboard.testjob;

/** Output of the keyed counter: how many events a key has seen so far. */
public class KeyCount {
    public String key;
    public long count;
    public long controls;
    public String label;

    public KeyCount() {}

    public KeyCount(String key, long count, long controls, String label) {
        this.key = key;
        this.count = count;
        this.controls = controls;
        this.label = label;
    }

    @Override
    public String toString() {
        return "[" + label + "] " + key + " count=" + count + " controls=" + controls;
    }
}
