//! Secrets read from the environment or a file, never printed.

use std::fmt;
use std::path::Path;

/// A password or other credential; its `Debug` and `Display` never show the value.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value that must not be shown.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for building a request header or a login form.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Reads a secret from the environment variable `name`.
    pub fn from_env(name: &str) -> Result<Self, String> {
        match std::env::var(name) {
            Ok(v) => Ok(Secret(v)),
            Err(std::env::VarError::NotPresent) => {
                Err(format!("environment variable {name} is not set"))
            }
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(format!("environment variable {name} is not valid UTF-8"))
            }
        }
    }

    /// Reads a secret from a file; one trailing newline (as editors add) is dropped.
    pub fn from_file(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let value = text.strip_suffix('\n').unwrap_or(&text);
        let value = value.strip_suffix('\r').unwrap_or(value);
        Ok(Secret(value.to_string()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        assert_eq!(format!("{:?}", Secret::new("hunter2")), "Secret(***)");
    }

    #[test]
    fn file_secret_drops_one_trailing_newline() {
        let dir = std::env::temp_dir().join(format!("sb-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("pw");
        std::fs::write(&path, "p w\n").unwrap();
        assert_eq!(Secret::from_file(&path).unwrap().expose(), "p w");
        std::fs::write(&path, "x\n\n").unwrap();
        assert_eq!(Secret::from_file(&path).unwrap().expose(), "x\n");
    }
}
