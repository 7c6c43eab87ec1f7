//! A stage's wall and CPU time, for the build's `-v` log.
//!
//! Rationale: a build runs its stages on every core and the loader's threads
//! beside them, so wall time alone says little about where the work is (and on
//! a machine shared with other jobs, wall time says more about them). The CPU
//! time of the whole process over a stage does not depend on the load.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Started at the beginning of a stage; [`Stopwatch::lap`] gives the stage's
/// wall and CPU time and starts the next.
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    wall: Instant,
    cpu: Duration,
}

impl Default for Stopwatch {
    fn default() -> Self {
        Self::start()
    }
}

impl Stopwatch {
    /// Starts timing now.
    pub fn start() -> Self {
        Self {
            wall: Instant::now(),
            cpu: process_cpu(),
        }
    }

    /// The time since the start (or the last lap), as `12.3 s wall, 20.1 s
    /// CPU`, and a new start.
    pub fn lap(&mut self) -> String {
        let now = Self::start();
        let text = format!(
            "{:.2} s wall, {:.2} s CPU",
            (now.wall - self.wall).as_secs_f64(),
            now.cpu.saturating_sub(self.cpu).as_secs_f64()
        );
        *self = now;
        text
    }
}

/// The CPU time of one stage run on many threads at once, summed over them.
#[derive(Debug, Default)]
pub struct ThreadCpu {
    nanos: AtomicU64,
}

impl ThreadCpu {
    /// Runs `f` on this thread, adding the CPU time it took.
    pub fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = thread_cpu();
        let value = f();
        let spent = thread_cpu().saturating_sub(start);
        let nanos = u64::try_from(spent.as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Ordering::Relaxed);
        value
    }

    /// The CPU time summed so far.
    pub fn total(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }
}

/// The CPU time of the calling thread so far; zero where the system does not
/// say.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` writes a `timespec` into the pointer it is given
    // and nothing else.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut t) } != 0 {
        return Duration::ZERO;
    }
    Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
        + Duration::from_nanos(u64::try_from(t.tv_nsec).unwrap_or(0))
}

/// User and system time of every thread of this process so far; zero where
/// the system does not say.
fn process_cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `getrusage` writes a `rusage` into the pointer it is given and
    // nothing else; it is zero-initialised in case the call fails.
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return Duration::ZERO;
        }
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Works on this thread until it has used `cpu` of CPU time (however
    /// busy the machine), or ten seconds have passed.
    fn spin(cpu: Duration) {
        let start = thread_cpu();
        let wall = Instant::now();
        let mut x = 0u64;
        while thread_cpu() - start < cpu && wall.elapsed() < Duration::from_secs(10) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
    }

    #[test]
    fn a_lap_counts_the_cpu_time_of_the_process() {
        let mut watch = Stopwatch::start();
        spin(Duration::from_millis(30));
        let cpu = process_cpu().saturating_sub(watch.cpu);
        assert!(cpu >= Duration::from_millis(30), "{cpu:?}");
        assert!(watch.lap().contains("s CPU"));
    }

    #[test]
    fn thread_cpu_counts_the_work_not_the_sleep() {
        let clock = ThreadCpu::default();
        clock.time(|| std::thread::sleep(Duration::from_millis(50)));
        let slept = clock.total();
        clock.time(|| spin(Duration::from_millis(30)));
        assert!(slept < Duration::from_millis(20), "{slept:?}");
        assert!(clock.total() - slept >= Duration::from_millis(30));
    }
}
