//! Defaults from the environment and the optional config file.
//!
//! Precedence, for the index path, the output format and colour:
//! command-line flag > environment (`SEARCH_INDEX`, `SEARCH_FORMAT`,
//! `SEARCH_COLOR`; clap reads these) > config file > built-in default.
//!
//! The config file is `$SEARCH_CONFIG` if set (empty: no file), else
//! `$XDG_CONFIG_HOME/search/config.toml`, else `~/.config/search/config.toml`;
//! a missing default file is fine, a missing `$SEARCH_CONFIG` is an error.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::output::{Color, Format};

/// The built-in default index folder.
pub const DEFAULT_INDEX: &str = "index";

/// What the config file may set. Unknown keys are an error, so typos show.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    index: Option<String>,
    format: Option<String>,
    color: Option<Color>,
}

/// The config file's settings, resolved.
#[derive(Debug, Default)]
pub struct Config {
    index: Option<PathBuf>,
    format: Option<Format>,
    color: Option<Color>,
}

impl Config {
    /// Reads the config file, if there is one.
    pub fn load() -> Result<Config> {
        match config_path()? {
            Some(path) => Config::read(&path),
            None => Ok(Config::default()),
        }
    }

    fn read(path: &Path) -> Result<Config> {
        let invalid = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| invalid(e.to_string()))?;
        let file: FileSettings =
            toml::from_str(&text).map_err(|e| invalid(one_line(&e.to_string())))?;
        let format = match file.format {
            Some(name) => Some(Format::from_str(&name, true).map_err(|_| {
                invalid(format!(
                    "format `{name}` is not one of text, json, jsonl, csv"
                ))
            })?),
            None => None,
        };
        let base = path.parent().unwrap_or(Path::new("."));
        Ok(Config {
            index: file.index.map(|p| resolve_path(&p, base)),
            format,
            color: file.color,
        })
    }

    /// The index folder: the flag or `SEARCH_INDEX` (already in `flag`), else the file's, else `./index`.
    pub fn index(&self, flag: Option<&PathBuf>) -> PathBuf {
        flag.or(self.index.as_ref())
            .cloned()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
    }

    /// The output format: the flag or `SEARCH_FORMAT`, else the file's, else `default`.
    pub fn format(&self, flag: Option<Format>, default: Format) -> Format {
        flag.or(self.format).unwrap_or(default)
    }

    /// Colour: the flag or `SEARCH_COLOR`, else the file's, else auto.
    pub fn color(&self, flag: Option<Color>) -> Color {
        flag.or(self.color).unwrap_or(Color::Auto)
    }
}

fn config_path() -> Result<Option<PathBuf>> {
    if let Some(value) = std::env::var_os("SEARCH_CONFIG") {
        if value.is_empty() {
            return Ok(None);
        }
        let path = PathBuf::from(value);
        if !path.is_file() {
            return Err(Error::Config {
                path,
                message: "no such file (named by SEARCH_CONFIG)".into(),
            });
        }
        return Ok(Some(path));
    }
    let dir = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
            Some(home) => PathBuf::from(home).join(".config"),
            None => return Ok(None),
        },
    };
    let path = dir.join("search").join("config.toml");
    Ok(path.is_file().then_some(path))
}

/// `~/x` is under the home folder; a relative path is relative to the config file's folder.
fn resolve_path(value: &str, base: &Path) -> PathBuf {
    if let Some(rest) = value.strip_prefix("~/") {
        if let Some(home) = std::env::var_os("HOME") {
            return PathBuf::from(home).join(rest);
        }
    }
    base.join(value)
}

/// toml's multi-line error (position, source excerpt, message) as one line.
fn one_line(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match (lines.first(), lines.last()) {
        (Some(first), Some(last)) if lines.len() > 1 => format!("{first}: {last}"),
        _ => lines.join(" "),
    }
}
