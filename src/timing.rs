//! `ROTATIVE_TIMINGS=1`: where a build's or a rebuild's time goes, printed to
//! stderr for profiling (bench/RESULTS.md). Read once; callers stay silent
//! unless it is set.

use std::sync::OnceLock;
use std::time::Instant;

pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ROTATIVE_TIMINGS").is_some())
}

/// Prints how long `what` took since `since`, in milliseconds.
pub fn step(what: &str, since: Instant) {
    if enabled() {
        eprintln!(
            "timings: {what} {:.1} ms",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Prints a line of several measures (`load 0.512 s, render 1.203 s`),
/// with the memory the process holds at that point where the system says it.
pub fn line(parts: &[(&str, f64)]) {
    if enabled() {
        let mut parts: Vec<String> = parts
            .iter()
            .map(|(what, secs)| format!("{what} {secs:.3} s"))
            .collect();
        parts.extend(rss_mib().map(|m| format!("resident {m} MiB")));
        eprintln!("timings: {}", parts.join(", "));
    }
}

/// The resident set (`VmRSS` of /proc/self/status), on Linux.
fn rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kib / 1024)
}
