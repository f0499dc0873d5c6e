//! The users file of `mode = "basic"`: lines `name:$argon2id$...` (PHC strings), `#` comments.
//!
//! Argon2 is slow on purpose, and a browser sends the password with every request, so a password
//! that verified once is remembered as its SHA-256 and later compared in constant time.

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

/// At most this many Argon2 checks run at once (each takes tens of MiB and milliseconds of CPU).
const PARALLEL_CHECKS: usize = 2;

/// The users who may log in, with their password hashes.
pub struct Users {
    hashes: HashMap<String, String>,
    verified: Mutex<HashMap<String, [u8; 32]>>,
    checks: Arc<Semaphore>,
}

impl fmt::Debug for Users {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Users")
            .field("count", &self.hashes.len())
            .finish_non_exhaustive()
    }
}

impl Users {
    /// Reads a users file.
    pub fn load(path: &Path) -> Result<Users, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Users::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses the text of a users file.
    pub fn parse(text: &str) -> Result<Users, String> {
        let mut hashes = HashMap::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = number + 1;
            let Some((name, hash)) = line.split_once(':') else {
                return Err(format!("line {at}: expected name:$argon2id$..."));
            };
            if name.is_empty() {
                return Err(format!("line {at}: the user name is empty"));
            }
            let parsed = PasswordHash::new(hash).map_err(|_| {
                format!("line {at}: the password of '{name}' is not an Argon2 hash ($argon2id$...); plain passwords are not accepted")
            })?;
            if !parsed.algorithm.as_str().starts_with("argon2") {
                return Err(format!(
                    "line {at}: the password of '{name}' is not an Argon2 hash"
                ));
            }
            if hashes.insert(name.to_string(), hash.to_string()).is_some() {
                return Err(format!("line {at}: user '{name}' is listed twice"));
            }
        }
        if hashes.is_empty() {
            return Err("no users listed (lines name:$argon2id$...)".into());
        }
        Ok(Users {
            hashes,
            verified: Mutex::new(HashMap::new()),
            checks: Arc::new(Semaphore::new(PARALLEL_CHECKS)),
        })
    }

    /// Whether `password` is the password of `name`.
    pub async fn verify(&self, name: &str, password: &str) -> bool {
        let digest: [u8; 32] = Sha256::digest(password.as_bytes()).into();
        let remembered = self
            .verified
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(name)
            .copied();
        if let Some(known) = remembered {
            if bool::from(known.ct_eq(&digest)) {
                return true;
            }
        }
        // An unknown name is checked against some hash all the same, so both take as long.
        let (known_user, hash) = match self.hashes.get(name) {
            Some(hash) => (true, hash.clone()),
            None => match self.hashes.values().next() {
                Some(hash) => (false, hash.clone()),
                None => return false,
            },
        };
        let Ok(_permit) = self.checks.clone().acquire_owned().await else {
            return false;
        };
        let password = password.to_string();
        let matches = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
        .unwrap_or(false);
        if matches && known_user {
            self.verified
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(name.to_string(), digest);
        }
        matches && known_user
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, SaltString};

    /// A cheap hash (tests only; real files use the defaults of the `argon2` tool).
    pub(crate) fn quick_hash(password: &str) -> String {
        let params = argon2::Params::new(8, 1, 1, None).unwrap();
        let argon = Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        argon
            .hash_password(password.as_bytes(), &salt)
            .unwrap()
            .to_string()
    }

    #[tokio::test]
    async fn verifies_argon2_hashes_and_refuses_plain_passwords() {
        let text = format!(
            "# ops team\nalice:{}\n\nbob:{}\n",
            quick_hash("wonder land"),
            quick_hash("builder")
        );
        let users = Users::parse(&text).unwrap();
        assert!(users.verify("alice", "wonder land").await);
        assert!(users.verify("alice", "wonder land").await, "remembered");
        assert!(!users.verify("alice", "builder").await);
        assert!(!users.verify("carol", "builder").await);
        assert!(users.verify("bob", "builder").await);
        let err = Users::parse("alice:hunter2\n").unwrap_err();
        assert!(err.contains("not an Argon2 hash"), "{err}");
        assert!(Users::parse("# nobody\n").is_err());
    }
}
