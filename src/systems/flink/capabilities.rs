//! What a cluster (and a job on it) allows, from `GET /config` and the job's details: which
//! actions to offer, which to disable, and the reason to show. Pure and host-tested.

use super::model::{DashboardConfig, JobDetails, JobState, JobType};

/// Whether an action is offered, and if not, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Offered.
    Allowed,
    /// Not offered, with the reason shown to the user.
    Forbidden(String),
}

impl Gate {
    /// Whether the action is allowed.
    pub fn allowed(&self) -> bool {
        matches!(self, Gate::Allowed)
    }
    /// The reason it is not, if it is not.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Gate::Allowed => None,
            Gate::Forbidden(r) => Some(r),
        }
    }
    fn and(self, other: Gate) -> Gate {
        if self.allowed() {
            other
        } else {
            self
        }
    }
}

/// How a running job is rescaled on this cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RescaleApi {
    /// `PUT /jobs/:jobid/resource-requirements` (adaptive scheduler, Flink 1.18+).
    ResourceRequirements,
    /// `PATCH /jobs/:jobid/rescaling` (Flink 1.x; disabled by Flink itself since 1.9).
    Legacy,
}

/// `"2.3.0"` → `(2, 3)`.
pub fn parse_version(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.trim().split(['.', '-']);
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((major, minor))
}

/// The cluster-wide gates, from `GET /config` (`None` while it is not known: everything is
/// offered and the server has the last word).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Flink version, when known.
    pub version: Option<(u32, u32)>,
    /// Uploading and running jars.
    pub submit: Gate,
    /// Cancelling jobs.
    pub cancel: Gate,
    /// Savepoints, stop with savepoint, savepoint disposal, data set deletion, shutdown.
    pub modify: Gate,
    /// Rescaling, and through which endpoint.
    pub rescale: Result<RescaleApi, String>,
    /// Manual checkpoints (`POST /jobs/:jobid/checkpoints`, 1.19+).
    pub checkpoint: Gate,
    /// Applications (`/applications/*`, 2.3+): a read gate, the version only.
    pub applications: Gate,
    /// The rescale history of the adaptive scheduler (`/jobs/:jobid/rescales/*`, 2.3+).
    pub rescale_history: Gate,
}

/// Allowed when `version` (the text of `GET /config`, e.g. "2.3.0") is at least `min` or not
/// known; otherwise forbidden with "`what` needs Flink X.Y or newer; this cluster runs V."
pub fn needs_version(version: &str, min: (u32, u32), what: &str) -> Gate {
    match parse_version(version) {
        Some(v) if v < min => Gate::Forbidden(format!(
            "{what} needs Flink {}.{} or newer; this cluster runs {version}.",
            min.0, min.1
        )),
        _ => Gate::Allowed,
    }
}

/// Whether an application in `status` (Flink's spelling) will not change any more.
pub fn application_terminal(status: &str) -> bool {
    matches!(status, "FINISHED" | "FAILED" | "CANCELED")
}

const HISTORY: &str =
    "This is a Flink history server: it shows archived jobs and cannot change anything.";

impl Capabilities {
    /// Reads `/config`.
    pub fn from_config(cfg: Option<&DashboardConfig>) -> Capabilities {
        let Some(cfg) = cfg else {
            return Capabilities {
                version: None,
                submit: Gate::Allowed,
                cancel: Gate::Allowed,
                modify: Gate::Allowed,
                rescale: Ok(RescaleApi::Legacy),
                checkpoint: Gate::Allowed,
                applications: Gate::Allowed,
                rescale_history: Gate::Allowed,
            };
        };
        let f = &cfg.features;
        let version = parse_version(&cfg.flink_version);
        let history = f.web_history == Some(true);
        let base = if history {
            Gate::Forbidden(HISTORY.into())
        } else {
            Gate::Allowed
        };
        let off = |flag: Option<bool>, text: &str| match flag {
            Some(false) => Gate::Forbidden(text.into()),
            _ => Gate::Allowed,
        };
        let rescale = match (history, f.web_rescale) {
            (true, _) => Err(HISTORY.into()),
            (_, Some(false)) => Err(
                "Rescaling from the web is disabled on this cluster (web.rescale.enable: false)."
                    .into(),
            ),
            (_, Some(true)) => Ok(RescaleApi::ResourceRequirements),
            (_, None) if version.is_some_and(|v| v >= (1, 18)) => {
                Ok(RescaleApi::ResourceRequirements)
            }
            (_, None) => Ok(RescaleApi::Legacy),
        };
        let checkpoint = match version {
            Some(v) if v < (1, 19) => Gate::Forbidden(format!(
                "Manual checkpoints need Flink 1.19 or newer; this cluster runs {}.",
                cfg.flink_version
            )),
            _ => Gate::Allowed,
        };
        Capabilities {
            version,
            submit: base.clone().and(off(f.web_submit, "Jar submission is disabled on this cluster (web.submit.enable: false).")),
            cancel: base.clone().and(off(f.web_cancel, "Cancelling jobs from the web is disabled on this cluster (web.cancel.enable: false).")),
            modify: base.clone(),
            rescale,
            checkpoint: base.and(checkpoint),
            applications: needs_version(&cfg.flink_version, (2, 3), "Applications"),
            rescale_history: needs_version(&cfg.flink_version, (2, 3), "The rescale history"),
        }
    }

    /// The same gates for a cluster reached directly (not through the proxy): Flink answers the
    /// CORS preflight of a change with 404, so a browser cannot send one.
    pub fn direct(mut self) -> Capabilities {
        const CORS: &str = "This cluster is reached directly from the browser, and Flink refuses cross-origin changes (its CORS preflight answers 404). Add the cluster through the console's proxy to change things.";
        for g in [
            &mut self.submit,
            &mut self.cancel,
            &mut self.modify,
            &mut self.checkpoint,
        ] {
            if g.allowed() {
                *g = Gate::Forbidden(CORS.into());
            }
        }
        if self.rescale.is_ok() {
            self.rescale = Err(CORS.into());
        }
        self
    }

    /// Whether `job` can be cancelled now.
    pub fn cancel_job(&self, job: &JobDetails) -> Gate {
        self.cancel.clone().and(not_terminal(job))
    }

    /// Whether `job` can take a savepoint (or be stopped with one) now.
    pub fn savepoint_job(&self, job: &JobDetails) -> Gate {
        let running = if job.state == JobState::Running {
            Gate::Allowed
        } else {
            Gate::Forbidden(format!(
                "Savepoints need a running job; this one is {}.",
                job.state.as_str()
            ))
        };
        let streaming = if job.job_type == JobType::Batch {
            Gate::Forbidden("Batch jobs do not take savepoints.".into())
        } else {
            Gate::Allowed
        };
        self.modify.clone().and(running).and(streaming)
    }

    /// Whether `job` can take a checkpoint on demand now.
    pub fn checkpoint_job(&self, job: &JobDetails) -> Gate {
        self.checkpoint.clone().and(self.savepoint_job(job))
    }

    /// Whether and how `job` can be rescaled now.
    pub fn rescale_job(&self, job: &JobDetails) -> Result<RescaleApi, String> {
        let api = self.rescale.clone()?;
        if job.state != JobState::Running {
            return Err(format!(
                "Only a running job can be rescaled; this one is {}.",
                job.state.as_str()
            ));
        }
        if api == RescaleApi::ResourceRequirements
            && job
                .scheduler_type
                .as_deref()
                .is_some_and(|s| !s.eq_ignore_ascii_case("adaptive"))
        {
            return Err("This job runs on the default scheduler; rescaling needs the adaptive scheduler (jobmanager.scheduler: adaptive).".into());
        }
        Ok(api)
    }
}

impl Capabilities {
    /// Whether the rescale history of `job` can be shown: Flink 2.3+ and the adaptive scheduler.
    pub fn rescales_of(&self, job: &JobDetails) -> Gate {
        let adaptive = match job.scheduler_type.as_deref() {
            Some(s) if !s.eq_ignore_ascii_case("adaptive") => Gate::Forbidden(format!(
                "This job runs on the {s} scheduler; rescales are recorded by the adaptive scheduler only (jobmanager.scheduler: adaptive)."
            )),
            _ => Gate::Allowed,
        };
        self.rescale_history.clone().and(adaptive)
    }

    /// Whether an application in `status` can be cancelled now.
    pub fn cancel_application(&self, status: &str) -> Gate {
        let live = if application_terminal(status) {
            Gate::Forbidden(format!("The application is already {status}."))
        } else {
            Gate::Allowed
        };
        self.applications.clone().and(self.cancel.clone()).and(live)
    }
}

fn not_terminal(job: &JobDetails) -> Gate {
    if job.state.is_terminal() {
        Gate::Forbidden(format!("The job is already {}.", job.state.as_str()))
    } else {
        Gate::Allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::DashboardFeatures;

    fn cfg(version: &str, features: DashboardFeatures) -> DashboardConfig {
        DashboardConfig {
            flink_version: version.into(),
            features,
            ..Default::default()
        }
    }

    fn job(state: JobState, scheduler: Option<&str>) -> JobDetails {
        JobDetails {
            state,
            scheduler_type: scheduler.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn versions_parse_with_or_without_patch_and_suffix() {
        assert_eq!(parse_version("2.3.0"), Some((2, 3)));
        assert_eq!(parse_version("1.12-SNAPSHOT"), Some((1, 12)));
        assert_eq!(parse_version("2"), Some((2, 0)));
        assert_eq!(parse_version("<unknown>"), None);
    }

    #[test]
    fn a_2_3_cluster_with_everything_on_rescales_through_resource_requirements() {
        let f = DashboardFeatures {
            web_submit: Some(true),
            web_cancel: Some(true),
            web_rescale: Some(true),
            web_history: Some(false),
        };
        let c = Capabilities::from_config(Some(&cfg("2.3.0", f)));
        assert!(c.submit.allowed() && c.cancel.allowed() && c.checkpoint.allowed());
        assert_eq!(
            c.rescale_job(&job(JobState::Running, Some("Adaptive"))),
            Ok(RescaleApi::ResourceRequirements)
        );
        let default_scheduler = c.rescale_job(&job(JobState::Running, Some("Default")));
        assert!(default_scheduler
            .unwrap_err()
            .contains("adaptive scheduler"));
        assert!(c
            .rescale_job(&job(JobState::Finished, Some("Adaptive")))
            .is_err());
    }

    #[test]
    fn disabled_features_say_which_setting_forbids_them() {
        let f = DashboardFeatures {
            web_submit: Some(false),
            web_cancel: Some(false),
            web_rescale: Some(false),
            web_history: None,
        };
        let c = Capabilities::from_config(Some(&cfg("1.19.1", f)));
        assert!(c.submit.reason().unwrap().contains("web.submit.enable"));
        assert!(c
            .cancel_job(&job(JobState::Running, None))
            .reason()
            .unwrap()
            .contains("web.cancel.enable"));
        assert!(c.rescale.unwrap_err().contains("web.rescale.enable"));
        assert!(c.modify.allowed());
    }

    #[test]
    fn a_1_12_cluster_uses_the_legacy_rescaling_and_has_no_manual_checkpoints() {
        let f = DashboardFeatures {
            web_submit: Some(true),
            ..Default::default()
        };
        let c = Capabilities::from_config(Some(&cfg("1.12.7", f)));
        assert!(
            c.cancel.allowed(),
            "1.12 has no web-cancel flag: cancelling is allowed"
        );
        assert_eq!(
            c.rescale_job(&job(JobState::Running, None)),
            Ok(RescaleApi::Legacy)
        );
        assert!(c.checkpoint.reason().unwrap().contains("1.19"));
    }

    #[test]
    fn history_servers_forbid_every_change() {
        let f = DashboardFeatures {
            web_history: Some(true),
            web_submit: Some(true),
            ..Default::default()
        };
        let c = Capabilities::from_config(Some(&cfg("1.18.0", f)));
        for g in [&c.submit, &c.cancel, &c.modify, &c.checkpoint] {
            assert!(g.reason().unwrap().contains("history server"));
        }
        assert!(c.rescale.is_err());
    }

    #[test]
    fn direct_clusters_cannot_change_anything_and_say_why() {
        let c = Capabilities::from_config(None).direct();
        for g in [&c.submit, &c.cancel, &c.modify, &c.checkpoint] {
            assert!(g.reason().unwrap().contains("CORS"));
        }
        assert!(c.rescale.unwrap_err().contains("proxy"));
    }

    #[test]
    fn applications_and_rescale_history_need_2_3() {
        let old = Capabilities::from_config(Some(&cfg("1.19.1", DashboardFeatures::default())));
        assert_eq!(
            old.applications.reason(),
            Some("Applications needs Flink 2.3 or newer; this cluster runs 1.19.1.")
        );
        assert!(old
            .rescales_of(&job(JobState::Running, Some("Adaptive")))
            .reason()
            .unwrap()
            .contains("1.19.1"));
        assert!(old
            .cancel_application("RUNNING")
            .reason()
            .unwrap()
            .contains("2.3"));
        let new = Capabilities::from_config(Some(&cfg("2.3.0", DashboardFeatures::default())));
        assert!(new.applications.allowed());
        assert!(
            new.rescales_of(&job(JobState::Finished, Some("Adaptive")))
                .allowed(),
            "history of a finished job is still shown"
        );
        assert!(new
            .rescales_of(&job(JobState::Running, Some("Default")))
            .reason()
            .unwrap()
            .contains("Default scheduler"));
        assert!(new.cancel_application("RUNNING").allowed());
        assert!(new
            .cancel_application("CANCELED")
            .reason()
            .unwrap()
            .contains("already CANCELED"));
        assert!(
            Capabilities::from_config(None).applications.allowed(),
            "unknown version: the server decides"
        );
        assert!(needs_version("3.0", (2, 3), "x").allowed());
        assert!(needs_version("<unknown>", (2, 3), "x").allowed());
    }

    #[test]
    fn job_state_gates_savepoints_and_cancel() {
        let c = Capabilities::from_config(None);
        assert!(c
            .cancel_job(&job(JobState::Canceled, None))
            .reason()
            .unwrap()
            .contains("CANCELED"));
        assert!(c
            .savepoint_job(&job(JobState::Restarting, None))
            .reason()
            .unwrap()
            .contains("RESTARTING"));
        let mut batch = job(JobState::Running, None);
        batch.job_type = JobType::Batch;
        assert!(c.savepoint_job(&batch).reason().unwrap().contains("Batch"));
        assert!(c.savepoint_job(&job(JobState::Running, None)).allowed());
    }
}
