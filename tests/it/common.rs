//! `TestEnv`: a temporary index folder and a clean environment for running `search`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's fixture folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The three seed articles (NYT, DW, VICE) as committed fixtures.
pub fn seeds() -> PathBuf {
    fixtures().join("seeds")
}

/// `../shared/corpora/...` beside the checkout, where CI and developers have it.
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

/// `shared(rel)` when it is there; otherwise says the test is skipped.
pub fn shared_if_present(rel: &str) -> Option<PathBuf> {
    let path = shared(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: {} not present", path.display());
        None
    }
}

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

/// What one run printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output read as JSON Lines, one value per line.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn index_path(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// A command with the environment cleared of our variables and colour settings.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_search"));
        cmd.env_remove("SEARCH_INDEX")
            .env_remove("SEARCH_FORMAT")
            .env_remove("SEARCH_COLOR")
            .env("SEARCH_CONFIG", "")
            .env_remove("NO_COLOR")
            .current_dir(self.dir.path());
        cmd
    }

    /// Runs `search ARGS...` in the temp folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run(self.command().args(args))
    }

    /// Indexes `dir` into this env's index and checks it succeeded.
    pub fn index(&self, dir: &Path) -> Run {
        let r = self.index_into(dir, &self.index_path(), &[]);
        assert_eq!(r.code, 0, "index failed: {}", r.stderr);
        r
    }

    /// Runs `search index DOCS --index INDEX EXTRA...`, success or not.
    pub fn index_into(&self, docs: &Path, index: &Path, extra: &[&str]) -> Run {
        let mut args = vec![
            "index",
            docs.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// How many articles the index at `index` holds (`search query '*'`).
    pub fn count(&self, index: &Path) -> u64 {
        let r = self.run(&[
            "query",
            "*",
            "--index",
            index.to_str().unwrap(),
            "--format",
            "json",
            "--limit",
            "0",
        ]);
        assert!(r.code <= 1, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
        v["total"].as_u64().expect("total")
    }

    /// Runs `search query QUERY --index <env> EXTRA...`.
    /// The query goes after `--`, so one starting with `-` is a query, not a flag.
    pub fn query(&self, query: &str, extra: &[&str]) -> Run {
        let index = self.index_path();
        let mut args = vec!["query", "--index", index.to_str().unwrap()];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--", query]);
        self.run(&args)
    }

    /// Runs a query with `--format json` and returns the parsed value.
    pub fn query_json(&self, query: &str, extra: &[&str]) -> (i32, serde_json::Value) {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let r = self.query(query, &args);
        assert!(
            r.code == 0 || r.code == 1,
            "query `{query}` failed: {}",
            r.stderr
        );
        (r.code, serde_json::from_str(&r.stdout).expect("valid JSON"))
    }
}

pub fn run(cmd: &mut Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run search");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// File names (not full paths) of the hits, in rank order.
pub fn hit_files(v: &serde_json::Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .expect("hits array")
        .iter()
        .map(|h| {
            Path::new(h["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

pub const NYT: &str = "000_b06b2c4501500147.txt";
pub const DW: &str = "003_c8d3ba4ab68edb33.txt";
pub const VICE: &str = "004_81f52aa8d415f930.txt";

/// The words a hit's snippet highlights, in order.
pub fn marked(hit: &serde_json::Value) -> Vec<String> {
    let text: Vec<char> = hit["snippet"]["text"].as_str().unwrap().chars().collect();
    hit["snippet"]["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            text[s..e].iter().collect()
        })
        .collect()
}
