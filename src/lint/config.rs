//! Lint configuration: `scopec.toml` (found upward from a policy), then command-line
//! overrides.
//!
//! ```toml
//! [rules]
//! public-endpoint = "deny"     # by name or by code
//! L0013 = "allow"
//!
//! [per-file-ignores]
//! "policies/legacy/*.policy" = ["mixed-naming", "L0012"]
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::registry::{RULES, RuleInfo, rule};

/// What happens to a rule's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning (exit 0 unless `--deny warnings`).
    Warn,
    /// Reported as an error (exit 1).
    Deny,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

/// The levels in force for one policy file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    levels: HashMap<&'static str, Level>,
    /// Where the settings came from (for messages).
    pub source: Option<PathBuf>,
}

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}: unknown rule `{name}`{hint}")]
    UnknownRule { path: String, name: String, hint: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileConfig {
    #[serde(default)]
    rules: HashMap<String, Level>,
    #[serde(default)]
    per_file_ignores: HashMap<String, Vec<String>>,
}

impl Config {
    /// The level of a rule.
    pub fn level(&self, rule: &RuleInfo) -> Level {
        self.levels.get(rule.code).copied().unwrap_or(rule.default)
    }

    /// Sets a rule's level by code or name.
    pub fn set(&mut self, rule_name: &str, level: Level) -> Result<(), String> {
        let r = rule(rule_name).ok_or_else(|| unknown_hint(rule_name))?;
        self.levels.insert(r.code, level);
        Ok(())
    }

    /// Every warning becomes an error (`--deny warnings`).
    pub fn deny_warnings(&mut self) {
        for r in RULES {
            if self.level(r) == Level::Warn {
                self.levels.insert(r.code, Level::Deny);
            }
        }
    }

    /// The configuration for `policy` from the `scopec.toml` at `path`: its `[rules]`,
    /// then the `per-file-ignores` whose pattern (relative to the file's folder) matches.
    pub fn load(path: &Path, policy: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read { path: shown.clone(), error })?;
        let file: FileConfig = toml::from_str(&text)
            .map_err(|e| ConfigError::Invalid { path: shown.clone(), message: e.message().to_string() })?;
        let mut config = Config { levels: HashMap::new(), source: Some(path.to_path_buf()) };
        let mut names: Vec<(&String, &Level)> = file.rules.iter().collect();
        names.sort();
        for (name, level) in names {
            config.set(name, *level).map_err(|hint| ConfigError::UnknownRule {
                path: shown.clone(),
                name: name.clone(),
                hint,
            })?;
        }
        let base = path.parent().unwrap_or(Path::new("."));
        let policy = normalize(policy);
        let mut patterns: Vec<(&String, &Vec<String>)> = file.per_file_ignores.iter().collect();
        patterns.sort();
        for (pattern, rules) in patterns {
            let glob = globset::Glob::new(&normalize(&base.join(pattern)).to_string_lossy())
                .map_err(|e| ConfigError::Invalid {
                    path: shown.clone(),
                    message: format!("pattern `{pattern}`: {e}"),
                })?
                .compile_matcher();
            for name in rules {
                if rule(name).is_none() {
                    return Err(ConfigError::UnknownRule {
                        path: shown.clone(),
                        name: name.clone(),
                        hint: unknown_hint(name),
                    });
                }
            }
            if glob.is_match(&policy) {
                for name in rules {
                    let _ = config.set(name, Level::Allow);
                }
            }
        }
        Ok(config)
    }
}

/// An absolute path without `.` components, so patterns and policies compare whatever
/// folder scopec runs from.
fn normalize(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf())
    };
    abs.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

fn unknown_hint(name: &str) -> String {
    let names = RULES.iter().flat_map(|r| [r.code, r.name]);
    match crate::diagnostic::suggest::closest(name, names) {
        Some(best) => format!(" (did you mean `{best}`?)"),
        None => " (see `scopec rule` for the list)".to_string(),
    }
}

/// The nearest `scopec.toml` in the policy's folder or above it.
pub fn find_config(policy: &Path) -> Option<PathBuf> {
    let start = if policy.is_absolute() { policy.to_path_buf() } else { std::env::current_dir().ok()?.join(policy) };
    let mut dir = start.parent();
    while let Some(d) = dir {
        let candidate = d.join("scopec.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}
