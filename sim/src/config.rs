//! Command-line configuration and the fixed port layout shared with the rest of Switchboard.

use std::net::IpAddr;

use crate::fault::Fault;

/// The simulated systems; each has its own fault setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum System {
    /// Apache Druid (router, coordinator, overlord, broker, historical, middle manager).
    Druid,
    /// CockroachDB, three nodes.
    Cockroach,
    /// StarRocks: one FE, three BEs, one CN.
    StarRocks,
    /// Databend meta-service, three nodes.
    Meta,
}

impl System {
    /// Every simulated system, in a stable order.
    pub const ALL: [System; 4] = [
        System::Druid,
        System::Cockroach,
        System::StarRocks,
        System::Meta,
    ];

    /// The name used by the admin API and `--fault` (same spelling as `clusters.json`).
    pub fn name(self) -> &'static str {
        match self {
            System::Druid => "druid",
            System::Cockroach => "cockroach",
            System::StarRocks => "starrocks",
            System::Meta => "databend-meta",
        }
    }

    /// Parses a system name as accepted by [`System::name`] (plus a few aliases).
    pub fn parse(name: &str) -> Option<System> {
        match name {
            "druid" => Some(System::Druid),
            "cockroach" | "cockroachdb" => Some(System::Cockroach),
            "starrocks" => Some(System::StarRocks),
            "databend-meta" | "meta" | "databend" => Some(System::Meta),
            _ => None,
        }
    }
}

/// One simulated listener: which system it belongs to, its role name and its offset from the base.
#[derive(Clone, Copy, Debug)]
pub struct PortSlot {
    /// Owning system, or `None` for the admin API.
    pub system: Option<System>,
    /// Role name, e.g. `router`, `node1`, `be2`.
    pub role: &'static str,
    /// Offset added to the port base.
    pub offset: u16,
}

/// How many peons the simulated middle manager runs at most (its worker capacity); peon `n`
/// listens on base + [`PEON_OFFSET`] + `n`, as a real middle manager hands its peons ports from
/// `druid.indexer.runner.startPort` on.
pub const PEON_SLOTS: usize = 16;

/// The port offset of the first peon.
pub const PEON_OFFSET: u16 = 200;

/// The role names of the peons (`peon1` ...).
pub const PEON_ROLES: [&str; PEON_SLOTS] = [
    "peon1", "peon2", "peon3", "peon4", "peon5", "peon6", "peon7", "peon8", "peon9", "peon10",
    "peon11", "peon12", "peon13", "peon14", "peon15", "peon16",
];

const fn peon(n: usize) -> PortSlot {
    PortSlot {
        system: Some(System::Druid),
        role: PEON_ROLES[n],
        offset: PEON_OFFSET + n as u16,
    }
}

/// The fixed port offsets (see the shared contract: base 28000 gives router 28888 and so on).
pub const PORT_SLOTS: &[PortSlot] = &[
    PortSlot {
        system: None,
        role: "admin",
        offset: 0,
    },
    PortSlot {
        system: Some(System::Druid),
        role: "router",
        offset: 888,
    },
    PortSlot {
        system: Some(System::Druid),
        role: "coordinator",
        offset: 81,
    },
    PortSlot {
        system: Some(System::Druid),
        role: "overlord",
        offset: 90,
    },
    PortSlot {
        system: Some(System::Druid),
        role: "broker",
        offset: 82,
    },
    PortSlot {
        system: Some(System::Druid),
        role: "historical",
        offset: 83,
    },
    PortSlot {
        system: Some(System::Druid),
        role: "middlemanager",
        offset: 91,
    },
    peon(0),
    peon(1),
    peon(2),
    peon(3),
    peon(4),
    peon(5),
    peon(6),
    peon(7),
    peon(8),
    peon(9),
    peon(10),
    peon(11),
    peon(12),
    peon(13),
    peon(14),
    peon(15),
    PortSlot {
        system: Some(System::Cockroach),
        role: "node1",
        offset: 501,
    },
    PortSlot {
        system: Some(System::Cockroach),
        role: "node2",
        offset: 502,
    },
    PortSlot {
        system: Some(System::Cockroach),
        role: "node3",
        offset: 503,
    },
    PortSlot {
        system: Some(System::StarRocks),
        role: "fe",
        offset: 30,
    },
    PortSlot {
        system: Some(System::StarRocks),
        role: "be1",
        offset: 40,
    },
    PortSlot {
        system: Some(System::StarRocks),
        role: "be2",
        offset: 41,
    },
    PortSlot {
        system: Some(System::StarRocks),
        role: "be3",
        offset: 42,
    },
    PortSlot {
        system: Some(System::StarRocks),
        role: "cn1",
        offset: 50,
    },
    PortSlot {
        system: Some(System::Meta),
        role: "node1",
        offset: 101,
    },
    PortSlot {
        system: Some(System::Meta),
        role: "node2",
        offset: 102,
    },
    PortSlot {
        system: Some(System::Meta),
        role: "node3",
        offset: 103,
    },
];

/// The largest offset in [`PORT_SLOTS`]; a port base must leave room for it.
pub const MAX_OFFSET: u16 = 888;

/// Resolves roles to concrete ports for one port base.
#[derive(Clone, Copy, Debug)]
pub struct PortPlan {
    /// The port base (admin API port).
    pub base: u16,
    /// Address every listener binds to and every advertised URL uses.
    pub host: IpAddr,
}

impl PortPlan {
    /// Port of `role` within `system` (`None` = admin), if such a role exists.
    pub fn port(&self, system: Option<System>, role: &str) -> Option<u16> {
        PORT_SLOTS
            .iter()
            .find(|s| s.system == system && s.role == role)
            .map(|s| self.base + s.offset)
    }

    /// Port of a role that is known to exist (falls back to the base for unknown roles).
    pub fn must(&self, system: System, role: &str) -> u16 {
        self.port(Some(system), role).unwrap_or(self.base)
    }

    /// `host:port` string for a role.
    pub fn host_port(&self, system: System, role: &str) -> String {
        format!("{}:{}", self.host_str(), self.must(system, role))
    }

    /// `http://host:port` for a role.
    pub fn url(&self, system: System, role: &str) -> String {
        format!("http://{}", self.host_port(system, role))
    }

    /// The bind host as text (IPv6 in brackets).
    pub fn host_str(&self) -> String {
        match self.host {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        }
    }
}

/// Everything `start` needs; built from the command line by [`SimConfig::from_args`].
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// Port base; every port is base + a fixed offset.
    pub port_base: u16,
    /// Address to bind (default 127.0.0.1).
    pub bind: IpAddr,
    /// Seed of the generated data.
    pub seed: u64,
    /// Faults active from the start.
    pub faults: Vec<(System, Fault)>,
    /// Wall-clock start of the simulation in epoch milliseconds (`None` = now).
    pub epoch_ms: Option<i64>,
    /// Size of the simulated Druid cluster.
    pub druid: DruidSize,
}

/// Datasources with used segments in the default Druid cluster (a sixth has only unused ones).
pub const DRUID_BASE_DATASOURCES: usize = 5;
/// Used segments in the default Druid cluster (what `metadata/segments` lists).
pub const DRUID_BASE_SEGMENTS: usize = 6_288;

/// How big the simulated Druid cluster is: datasources with used segments and used segments in
/// total. Anything above the default cluster is added as synthetic, fully loaded datasources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DruidSize {
    /// Datasources with used segments (`/druid/coordinator/v1/datasources` lists them).
    pub datasources: usize,
    /// Used segments over all datasources (`/druid/coordinator/v1/metadata/segments`).
    pub segments: usize,
}

impl Default for DruidSize {
    fn default() -> Self {
        DruidSize {
            datasources: DRUID_BASE_DATASOURCES,
            segments: DRUID_BASE_SEGMENTS,
        }
    }
}

impl DruidSize {
    /// 500 datasources, 20,000 used segments.
    pub const MEDIUM: DruidSize = DruidSize {
        datasources: 500,
        segments: 20_000,
    };
    /// 5,000 datasources, 200,000 used segments.
    pub const LARGE: DruidSize = DruidSize {
        datasources: 5_000,
        segments: 200_000,
    };

    /// A preset by name: `default`/`small`, `medium`, `large`.
    pub fn preset(name: &str) -> Option<DruidSize> {
        match name {
            "default" | "small" => Some(DruidSize::default()),
            "medium" => Some(DruidSize::MEDIUM),
            "large" => Some(DruidSize::LARGE),
            _ => None,
        }
    }

    /// Synthetic datasources and segments to add to the default cluster.
    pub fn extra(&self) -> (usize, usize) {
        (
            self.datasources.saturating_sub(DRUID_BASE_DATASOURCES),
            self.segments.saturating_sub(DRUID_BASE_SEGMENTS),
        )
    }

    /// Checks that the size contains the default cluster and gives every added datasource a
    /// segment.
    pub fn check(&self) -> Result<(), String> {
        let (ds, segs) = self.extra();
        if self.datasources < DRUID_BASE_DATASOURCES || self.segments < DRUID_BASE_SEGMENTS {
            return Err(format!(
                "the Druid cluster has at least {DRUID_BASE_DATASOURCES} datasources and {DRUID_BASE_SEGMENTS} segments (asked for {} and {})",
                self.datasources, self.segments
            ));
        }
        if ds == 0 && segs > 0 {
            return Err(format!(
                "more than {DRUID_BASE_SEGMENTS} segments need more than {DRUID_BASE_DATASOURCES} datasources (--druid-datasources)"
            ));
        }
        if segs < ds {
            return Err(format!(
                "{} datasources need at least {} used segments: each added datasource has one",
                self.datasources,
                DRUID_BASE_SEGMENTS + ds
            ));
        }
        Ok(())
    }
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            port_base: 28000,
            bind: IpAddr::from([127, 0, 0, 1]),
            seed: 42,
            faults: Vec::new(),
            epoch_ms: None,
            druid: DruidSize::default(),
        }
    }
}

/// Usage text printed by `--help` and on argument errors.
pub const USAGE: &str =
    "usage: switchboard-sim [--port-base N] [--bind ADDR] [--seed N] [--epoch-ms MS]
                       [--fault SYSTEM=MODE[:ARG]]...
                       [--druid-scale default|medium|large]
                       [--druid-datasources N] [--druid-segments N]
druid sizes: default 5 datasources / 6288 used segments, medium 500 / 20000,
         large 5000 / 200000 (datasources with used segments / used segments)
systems: druid, cockroach, starrocks, databend-meta
modes:   refuse, delay:MS, status500_text, status500_html, malformed_json, truncated,
         status401, status403, status404, slow_body[:MS], huge_body[:MB],
         mix[:MS] (10% of answers slow by MS, 10% a 500; admin API: slow_pct, fail_pct)";

impl SimConfig {
    /// Parses command-line arguments (without the program name).
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<SimConfig, String> {
        let mut cfg = SimConfig::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            let mut value = |name: &str| -> Result<String, String> {
                match inline.clone() {
                    Some(v) => Ok(v),
                    None => it.next().ok_or_else(|| format!("{name} needs a value")),
                }
            };
            match flag.as_str() {
                "--port-base" => {
                    let v = value("--port-base")?;
                    let base: u16 = v.parse().map_err(|_| format!("bad port base: {v}"))?;
                    if base == 0 || base.checked_add(MAX_OFFSET).is_none() {
                        return Err(format!(
                            "port base {base} leaves no room for offset {MAX_OFFSET}"
                        ));
                    }
                    cfg.port_base = base;
                }
                "--bind" => {
                    let v = value("--bind")?;
                    cfg.bind = v.parse().map_err(|_| format!("bad bind address: {v}"))?;
                }
                "--seed" => {
                    let v = value("--seed")?;
                    cfg.seed = v.parse().map_err(|_| format!("bad seed: {v}"))?;
                }
                "--epoch-ms" => {
                    let v = value("--epoch-ms")?;
                    cfg.epoch_ms = Some(v.parse().map_err(|_| format!("bad epoch: {v}"))?);
                }
                "--fault" => {
                    let v = value("--fault")?;
                    cfg.faults.push(Fault::parse_flag(&v)?);
                }
                "--druid-scale" => {
                    let v = value("--druid-scale")?;
                    cfg.druid = DruidSize::preset(&v).ok_or_else(|| {
                        format!("bad Druid scale: {v} (default, medium or large)")
                    })?;
                }
                "--druid-datasources" => {
                    let v = value("--druid-datasources")?;
                    cfg.druid.datasources = v
                        .parse()
                        .map_err(|_| format!("bad datasource count: {v}"))?;
                }
                "--druid-segments" => {
                    let v = value("--druid-segments")?;
                    cfg.druid.segments =
                        v.parse().map_err(|_| format!("bad segment count: {v}"))?;
                }
                "-h" | "--help" => return Err(USAGE.to_string()),
                other => return Err(format!("unknown argument: {other}\n{USAGE}")),
            }
        }
        cfg.druid.check()?;
        Ok(cfg)
    }
}
