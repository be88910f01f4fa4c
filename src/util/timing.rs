//! Stage timings on stderr when `STELE_TIMINGS` is set, for finding where a build spends
//! its time without a profiler.
//!
//! Each lap shows wall time and, on Linux, the CPU time of the whole process (user and
//! system, every thread): CPU near twice the wall time on two cores means the stage runs
//! in parallel; CPU near the wall time means it runs on one thread. Resident memory
//! after each stage shows what it left behind.

use std::cell::Cell;
use std::time::Instant;

pub(crate) struct Timer {
    last: Cell<Instant>,
    last_cpu: Cell<Option<f64>>,
    enabled: bool,
}

impl Timer {
    pub(crate) fn start() -> Timer {
        let enabled = std::env::var_os("STELE_TIMINGS").is_some();
        Timer {
            last: Cell::new(Instant::now()),
            last_cpu: Cell::new(if enabled { process_cpu_ms() } else { None }),
            enabled,
        }
    }

    /// Says why a shortcut was not taken, as a lap named `fallback`: the time spent on it
    /// before giving up, then the reason. Gives `None`, so a check reads
    /// `return timer.fallback("why")` or `.or_else(|| timer.fallback("why"))?`.
    pub(crate) fn fallback<T>(&self, why: &str) -> Option<T> {
        if self.enabled {
            let wall = self.last.get().elapsed().as_secs_f64() * 1000.0;
            eprintln!("{:>14}: {wall:>7.1} ms  {why}", "fallback");
        }
        None
    }

    /// Prints the time since the last lap (or the start) under `stage`.
    pub(crate) fn lap(&self, stage: &str) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let wall = (now - self.last.get()).as_secs_f64() * 1000.0;
        let cpu = process_cpu_ms();
        match (cpu, self.last_cpu.get()) {
            (Some(cpu), Some(before)) => eprintln!(
                "{stage:>14}: {wall:>7.1} ms  (cpu {:>6.0} ms, resident {:>4} MiB)",
                cpu - before,
                resident_mib().unwrap_or(0)
            ),
            _ => eprintln!("{stage:>14}: {wall:>7.1} ms"),
        }
        self.last.set(now);
        self.last_cpu.set(cpu);
    }
}

/// User plus system time of the process so far, from `/proc/self/stat` (fields 14 and 15,
/// in clock ticks of 10 ms on Linux).
fn process_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it never do.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let mut fields = after_name.split(' ').skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) * 10.0)
}

/// The process's resident memory now, from `/proc/self/statm` (in pages of 4 KiB).
fn resident_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split(' ').nth(1)?.parse().ok()?;
    Some(pages * 4 / 1024)
}
