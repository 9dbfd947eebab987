//! A small chainable harness: copy a fixture site into a temp folder, change
//! files, run the real `rotative` binary on it, and assert on what it wrote.

use scraper::{Html, Selector};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct SiteTest {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

impl SiteTest {
    /// A copy of `tests/fixtures/NAME`, with the project's default theme
    /// unless the fixture brings its own `themes/`.
    pub fn fixture(name: &str) -> SiteTest {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(&repo().join("tests/fixtures").join(name), &root);
        if !root.join("themes").exists() {
            copy_dir(&repo().join("themes/default"), &root.join("themes/default"));
        }
        SiteTest::at(tmp, root)
    }

    fn at(tmp: tempfile::TempDir, root: PathBuf) -> SiteTest {
        SiteTest {
            tmp,
            root,
            status: None,
            stdout: String::new(),
            stderr: String::new(),
        }
    }

    /// A copy of the repository's own demo publication (site.toml,
    /// content/, themes/), as `rotative build` in the repository builds it.
    pub fn demo() -> SiteTest {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
        copy_dir(&repo().join("content"), &root.join("content"));
        copy_dir(&repo().join("themes"), &root.join("themes"));
        SiteTest::at(tmp, root)
    }

    /// Replaces the site's theme by `tests/fixtures/themes/NAME`.
    pub fn theme(self, name: &str) -> SiteTest {
        let dest = self.root.join("themes/default");
        let _ = fs::remove_dir_all(&dest);
        copy_dir(&repo().join("tests/fixtures/themes").join(name), &dest);
        self
    }

    /// Writes (or replaces) a file of the site.
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> SiteTest {
        let p = self.root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, contents).unwrap();
        self
    }

    pub fn remove(self, rel: &str) -> SiteTest {
        let p = self.root.join(rel);
        if p.is_dir() {
            fs::remove_dir_all(p).unwrap()
        } else {
            fs::remove_file(p).unwrap()
        }
        self
    }

    /// Runs `rotative build --root SITE` with extra arguments.
    pub fn build_with(self, args: &[&str]) -> SiteTest {
        let cwd = self.tmp.path().to_path_buf();
        self.build_in(&cwd, args)
    }

    /// Runs `rotative build --root SITE` from the folder `cwd`.
    pub fn build_in(mut self, cwd: &Path, args: &[&str]) -> SiteTest {
        let out = Command::new(env!("CARGO_BIN_EXE_rotative"))
            .arg("build")
            .arg("--root")
            .arg(&self.root)
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap();
        self.status = out.status.code();
        self.stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        self.stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        self
    }

    pub fn build(self) -> SiteTest {
        self.build_with(&[])
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn assert_success(self) -> SiteTest {
        assert_eq!(
            self.status,
            Some(0),
            "build failed:\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// The build failed, and its error output contains each of `lines` as a whole line.
    pub fn assert_errors(self, lines: &[&str]) -> SiteTest {
        assert_eq!(
            self.status,
            Some(1),
            "expected a failed build:\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        for l in lines {
            assert!(
                self.stderr.lines().any(|x| x == *l),
                "missing line {l:?} in stderr:\n{}",
                self.stderr
            );
        }
        self
    }

    pub fn assert_stderr_has(self, line: &str) -> SiteTest {
        assert!(
            self.stderr.lines().any(|x| x == line),
            "missing line {line:?} in stderr:\n{}",
            self.stderr
        );
        self
    }

    pub fn assert_file(self, rel: &str) -> SiteTest {
        assert!(
            self.public().join(rel).is_file(),
            "missing output file {rel}; have: {:?}",
            tree(&self.public()).keys().collect::<Vec<_>>()
        );
        self
    }

    pub fn assert_no_file(self, rel: &str) -> SiteTest {
        assert!(
            !self.public().join(rel).exists(),
            "unexpected output file {rel}"
        );
        self
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// Runs `check` on the parsed HTML of an output page.
    pub fn assert_page(self, rel: &str, check: impl FnOnce(&Page)) -> SiteTest {
        check(&Page(self.html(rel)));
        self
    }
}

/// A parsed HTML page with short helpers for selecting.
pub struct Page(pub Html);

impl Page {
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.0
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        let t = self.texts(css);
        assert!(!t.is_empty(), "no element matches {css}");
        t[0].clone()
    }

    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.0
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(String::from))
            .collect()
    }

    pub fn attr(&self, css: &str, attr: &str) -> String {
        let a = self.attrs(css, attr);
        assert!(!a.is_empty(), "no element {css} with attribute {attr}");
        a[0].clone()
    }

    pub fn count(&self, css: &str) -> usize {
        self.0.select(&Selector::parse(css).unwrap()).count()
    }
}

/// The outcome of one run of the real binary (other than `build`, which
/// `SiteTest` runs itself).
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `rotative ARGS…` from `cwd`.
pub fn rotative(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_rotative"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    Run {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Run {
    /// The diagnostic lines, in the order printed.
    pub fn lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    pub fn success(self) -> Run {
        assert_eq!(
            self.status,
            Some(0),
            "the command failed:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Whether `line` was printed, on stderr or stdout.
    pub fn has(&self, line: &str) -> bool {
        self.stderr
            .lines()
            .chain(self.stdout.lines())
            .any(|l| l == line)
    }

    pub fn assert_line(self, line: &str) -> Run {
        assert!(
            self.has(line),
            "missing line {line:?} in:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}
