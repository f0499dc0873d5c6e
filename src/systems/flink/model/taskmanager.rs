//! Task managers: list, details, logs, thread dumps, profiling.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `GET /taskmanagers`: all registered task managers.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TaskManagers {
    /// One entry per task manager.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub taskmanagers: Vec<TaskManagerInfo>,
}

/// A task manager: entries of `GET /taskmanagers` and the answer of
/// `GET /taskmanagers/:taskmanagerid` (which adds `metrics` and `allocatedSlots`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TaskManagerInfo {
    /// Task manager id, e.g. "localhost:36203-3628ae" (a resource id, not always hex).
    pub id: String,
    /// RPC address.
    pub path: String,
    /// Data port.
    #[serde(rename = "dataPort", deserialize_with = "crate::net::lenient::int")]
    pub data_port: i64,
    /// JMX port, -1 when off (1.12+).
    #[serde(
        rename = "jmxPort",
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub jmx_port: i64,
    /// Last heartbeat, epoch ms (despite the name).
    #[serde(
        rename = "timeSinceLastHeartbeat",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub time_since_last_heartbeat: i64,
    /// Task slots.
    #[serde(rename = "slotsNumber", deserialize_with = "crate::net::lenient::int")]
    pub slots_number: i64,
    /// Free task slots.
    #[serde(rename = "freeSlots", deserialize_with = "crate::net::lenient::int")]
    pub free_slots: i64,
    /// Tasks deployed (2.x).
    #[serde(rename = "assignedTasks", deserialize_with = "crate::net::lenient::opt_int")]
    pub assigned_tasks: Option<i64>,
    /// Whether the task manager is blocked from new slots (1.16+).
    pub blocked: Option<bool>,
    /// Total resources (1.11+).
    #[serde(rename = "totalResource")]
    pub total_resource: Option<ResourceProfile>,
    /// Free resources (1.11+).
    #[serde(rename = "freeResource")]
    pub free_resource: Option<ResourceProfile>,
    /// Hardware of the host.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub hardware: Hardware,
    /// Memory budget of the process (1.11+).
    #[serde(rename = "memoryConfiguration")]
    pub memory_configuration: Option<MemoryConfiguration>,
    /// JVM and shuffle memory figures (details endpoint only).
    pub metrics: Option<TaskManagerMetrics>,
    /// Slots in use, by job (details endpoint, 1.17+).
    #[serde(
        rename = "allocatedSlots",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub allocated_slots: Vec<AllocatedSlot>,
}

/// Resources of a task manager or slot. Memory sizes are in MB; -1 means "unknown".
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ResourceProfile {
    /// CPU cores.
    #[serde(rename = "cpuCores", deserialize_with = "crate::net::lenient::float")]
    pub cpu_cores: f64,
    /// Task heap, MB.
    #[serde(rename = "taskHeapMemory", deserialize_with = "crate::net::lenient::int")]
    pub task_heap_memory: i64,
    /// Task off-heap, MB.
    #[serde(rename = "taskOffHeapMemory", deserialize_with = "crate::net::lenient::int")]
    pub task_off_heap_memory: i64,
    /// Managed memory, MB.
    #[serde(rename = "managedMemory", deserialize_with = "crate::net::lenient::int")]
    pub managed_memory: i64,
    /// Network memory, MB.
    #[serde(rename = "networkMemory", deserialize_with = "crate::net::lenient::int")]
    pub network_memory: i64,
    /// Extended resources such as GPUs.
    #[serde(
        rename = "extendedResources",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub extended_resources: BTreeMap<String, f64>,
}

/// `hardware` of a task manager. Memory in bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Hardware {
    /// CPU cores of the host.
    #[serde(rename = "cpuCores", deserialize_with = "crate::net::lenient::int")]
    pub cpu_cores: i64,
    /// Physical memory of the host.
    #[serde(rename = "physicalMemory", deserialize_with = "crate::net::lenient::int")]
    pub physical_memory: i64,
    /// JVM heap size.
    #[serde(rename = "freeMemory", deserialize_with = "crate::net::lenient::int")]
    pub free_memory: i64,
    /// Managed memory.
    #[serde(rename = "managedMemory", deserialize_with = "crate::net::lenient::int")]
    pub managed_memory: i64,
}

/// `memoryConfiguration` of a task manager. All sizes in bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MemoryConfiguration {
    /// Framework heap.
    #[serde(rename = "frameworkHeap", deserialize_with = "crate::net::lenient::int")]
    pub framework_heap: i64,
    /// Task heap.
    #[serde(rename = "taskHeap", deserialize_with = "crate::net::lenient::int")]
    pub task_heap: i64,
    /// Framework off-heap.
    #[serde(rename = "frameworkOffHeap", deserialize_with = "crate::net::lenient::int")]
    pub framework_off_heap: i64,
    /// Task off-heap.
    #[serde(rename = "taskOffHeap", deserialize_with = "crate::net::lenient::int")]
    pub task_off_heap: i64,
    /// Network.
    #[serde(rename = "networkMemory", deserialize_with = "crate::net::lenient::int")]
    pub network_memory: i64,
    /// Managed.
    #[serde(rename = "managedMemory", deserialize_with = "crate::net::lenient::int")]
    pub managed_memory: i64,
    /// JVM metaspace.
    #[serde(rename = "jvmMetaspace", deserialize_with = "crate::net::lenient::int")]
    pub jvm_metaspace: i64,
    /// JVM overhead.
    #[serde(rename = "jvmOverhead", deserialize_with = "crate::net::lenient::int")]
    pub jvm_overhead: i64,
    /// Total Flink memory.
    #[serde(rename = "totalFlinkMemory", deserialize_with = "crate::net::lenient::int")]
    pub total_flink_memory: i64,
    /// Total process memory.
    #[serde(
        rename = "totalProcessMemory",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub total_process_memory: i64,
}

/// `metrics` of `GET /taskmanagers/:taskmanagerid`. Sizes in bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TaskManagerMetrics {
    /// Heap used.
    #[serde(rename = "heapUsed", deserialize_with = "crate::net::lenient::int")]
    pub heap_used: i64,
    /// Heap committed.
    #[serde(rename = "heapCommitted", deserialize_with = "crate::net::lenient::int")]
    pub heap_committed: i64,
    /// Heap maximum.
    #[serde(rename = "heapMax", deserialize_with = "crate::net::lenient::int")]
    pub heap_max: i64,
    /// Non-heap used.
    #[serde(rename = "nonHeapUsed", deserialize_with = "crate::net::lenient::int")]
    pub non_heap_used: i64,
    /// Non-heap committed.
    #[serde(rename = "nonHeapCommitted", deserialize_with = "crate::net::lenient::int")]
    pub non_heap_committed: i64,
    /// Non-heap maximum.
    #[serde(rename = "nonHeapMax", deserialize_with = "crate::net::lenient::int")]
    pub non_heap_max: i64,
    /// Direct buffers.
    #[serde(rename = "directCount", deserialize_with = "crate::net::lenient::int")]
    pub direct_count: i64,
    /// Direct memory used.
    #[serde(rename = "directUsed", deserialize_with = "crate::net::lenient::int")]
    pub direct_used: i64,
    /// Direct memory capacity.
    #[serde(rename = "directMax", deserialize_with = "crate::net::lenient::int")]
    pub direct_max: i64,
    /// Mapped buffers.
    #[serde(rename = "mappedCount", deserialize_with = "crate::net::lenient::int")]
    pub mapped_count: i64,
    /// Mapped memory used.
    #[serde(rename = "mappedUsed", deserialize_with = "crate::net::lenient::int")]
    pub mapped_used: i64,
    /// Mapped memory capacity.
    #[serde(rename = "mappedMax", deserialize_with = "crate::net::lenient::int")]
    pub mapped_max: i64,
    /// Network buffers available (deprecated name, 1.x).
    #[serde(
        rename = "memorySegmentsAvailable",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub memory_segments_available: Option<i64>,
    /// Network buffers in total (deprecated name, 1.x).
    #[serde(
        rename = "memorySegmentsTotal",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub memory_segments_total: Option<i64>,
    /// Network buffers available.
    #[serde(
        rename = "nettyShuffleMemorySegmentsAvailable",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub netty_shuffle_memory_segments_available: Option<i64>,
    /// Network buffers used.
    #[serde(
        rename = "nettyShuffleMemorySegmentsUsed",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub netty_shuffle_memory_segments_used: Option<i64>,
    /// Network buffers in total.
    #[serde(
        rename = "nettyShuffleMemorySegmentsTotal",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub netty_shuffle_memory_segments_total: Option<i64>,
    /// Network memory available.
    #[serde(
        rename = "nettyShuffleMemoryAvailable",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub netty_shuffle_memory_available: Option<i64>,
    /// Network memory used.
    #[serde(
        rename = "nettyShuffleMemoryUsed",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub netty_shuffle_memory_used: Option<i64>,
    /// Network memory in total.
    #[serde(
        rename = "nettyShuffleMemoryTotal",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub netty_shuffle_memory_total: Option<i64>,
    /// Garbage collectors.
    #[serde(
        rename = "garbageCollectors",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub garbage_collectors: Vec<GarbageCollector>,
}

/// A garbage collector in the task manager metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct GarbageCollector {
    /// Collector name, e.g. "G1_Young_Generation" ("All" sums them, 2.x).
    pub name: String,
    /// Collections.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub count: i64,
    /// Time spent, ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub time: i64,
}

/// A slot in use: entries of `allocatedSlots` in `GET /taskmanagers/:taskmanagerid` (1.17+).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct AllocatedSlot {
    /// Job using the slot.
    #[serde(rename = "jobId")]
    pub job_id: String,
    /// Resources of the slot.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub resource: ResourceProfile,
    /// Tasks in the slot (2.x).
    #[serde(rename = "assignedTasks", deserialize_with = "crate::net::lenient::opt_int")]
    pub assigned_tasks: Option<i64>,
}

/// `GET /taskmanagers/:taskmanagerid/logs` and `GET /jobmanager/logs`: log files of a process.
/// The files themselves (`.../logs/:name`, `.../log`, `.../stdout`) are plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LogList {
    /// Files.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub logs: Vec<LogFile>,
}

/// A file of [`LogList`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LogFile {
    /// File name.
    pub name: String,
    /// Size in bytes.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub size: i64,
    /// Last modification, epoch ms (1.19+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub mtime: Option<i64>,
}

/// `GET /taskmanagers/:taskmanagerid/thread-dump` and `GET /jobmanager/thread-dump` (1.17+).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ThreadDump {
    /// One entry per thread.
    #[serde(rename = "threadInfos", deserialize_with = "crate::net::lenient::nullable")]
    pub thread_infos: Vec<ThreadInfo>,
}

/// A thread of [`ThreadDump`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ThreadInfo {
    /// Thread name.
    #[serde(rename = "threadName")]
    pub thread_name: String,
    /// The thread's state and stack as text.
    #[serde(rename = "stringifiedThreadInfo")]
    pub stringified_thread_info: String,
}

/// State of a profiling run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProfilingStatus {
    /// Sampling.
    Running,
    /// Done; the output file can be downloaded.
    Finished,
    /// Failed; see the message.
    Failed,
    /// A status this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// `GET /taskmanagers/:taskmanagerid/profiler` and `GET /jobmanager/profiler` (1.19+, needs
/// `rest.profiling.enabled`): past and running profiling runs.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ProfilingList {
    /// Runs, newest first.
    #[serde(
        rename = "profilingList",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub profiling_list: Vec<ProfilingInfo>,
}

/// A profiling run: entries of [`ProfilingList`] and the answer of
/// `POST /taskmanagers/:taskmanagerid/profiler` / `POST /jobmanager/profiler`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ProfilingInfo {
    /// State.
    pub status: ProfilingStatus,
    /// Mode, e.g. "ITIMER", "CPU", "ALLOC", "LOCK", "WALL".
    pub mode: Option<String>,
    /// Triggered at, epoch ms.
    #[serde(rename = "triggerTime", deserialize_with = "crate::net::lenient::opt_int")]
    pub trigger_time: Option<i64>,
    /// Finished at, epoch ms.
    #[serde(rename = "finishedTime", deserialize_with = "crate::net::lenient::opt_int")]
    pub finished_time: Option<i64>,
    /// Requested duration in seconds.
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub duration: Option<i64>,
    /// Result or error message.
    pub message: Option<String>,
    /// Output file name, served by `.../profiler/:filename`.
    #[serde(rename = "outputFile")]
    pub output_file: Option<String>,
}
