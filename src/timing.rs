//! Stage timings on stderr when `STELE_TIMINGS` is set, for finding where a build spends
//! its time without a profiler.

use std::cell::Cell;
use std::time::Instant;

pub struct Timer {
    last: Cell<Instant>,
    enabled: bool,
}

impl Timer {
    pub fn start() -> Timer {
        Timer {
            last: Cell::new(Instant::now()),
            enabled: std::env::var_os("STELE_TIMINGS").is_some(),
        }
    }

    /// Prints the time since the last lap (or the start) under `stage`.
    pub fn lap(&self, stage: &str) {
        if self.enabled {
            let now = Instant::now();
            eprintln!(
                "{stage:>14}: {:>7.1} ms",
                (now - self.last.get()).as_secs_f64() * 1000.0
            );
            self.last.set(now);
        }
    }
}
